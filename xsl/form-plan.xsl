<?xml version="1.0" encoding="UTF-8"?>
<!-- form-plan.xsl: the fields of the edit form of a genomförandeplan
     (document kind "plan", schemas/plan.xsd).

     The frame (heading, error summary, <form>, hidden fields, save button)
     is in edit.xsl; this file only renders the fields of <plan>:
       match="plan" mode="form"         the fields
       match="plan" mode="field-label"  the Swedish name of a field, for the
                                        error summary
     Field names are element paths relative to <plan>, with a 1-based index
     on every step that can repeat (xsl/PAGES.md, view="edit"). Every value
     comes from the content, so nothing the user typed is lost.
     Also the plan's own words for starting one (/page/kinds/kind):
       mode="new-button"  the placement page's button (placement.xsl)
       mode="start-link"  the work queue's link (start.xsl) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="kind[@name = 'plan']" mode="new-button">
    <xsl:param name="pid"/>
    <a class="btn btn-primary" href="/documents/new?placement={$pid}&amp;kind={@name}">Påbörja genomförandeplan</a>
  </xsl:template>

  <xsl:template match="kind[@name = 'plan']" mode="start-link">Påbörja planen</xsl:template>

  <!-- schemas/plan.xsd: maxOccurs of the repeated elements -->
  <xsl:variable name="plan-max-subgoals" select="20"/>
  <xsl:variable name="plan-max-activities" select="30"/>

  <xsl:template match="plan" mode="form">

    <!-- ======================================== Mål -->
    <fieldset class="group" id="g-goal">
      <legend>Mål</legend>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="'goal'"/>
        <xsl:with-param name="value" select="goal"/>
        <xsl:with-param name="label" select="'Mål för insatsen'"/>
        <xsl:with-param name="hint" select="'Vad ska kunden ha uppnått när insatsen är slut?'"/>
        <xsl:with-param name="rows" select="4"/>
      </xsl:call-template>
    </fieldset>

    <!-- ======================================== Delmål -->
    <fieldset>
      <xsl:call-template name="group-attrs"><xsl:with-param name="field" select="'subgoals'"/></xsl:call-template>
      <legend>Delmål<xsl:call-template name="required"/></legend>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'subgoals'"/></xsl:call-template>
      <xsl:variable name="n" select="count(subgoals/subgoal)"/>
      <xsl:for-each select="subgoals/subgoal">
        <xsl:call-template name="plan-subgoal-row">
          <xsl:with-param name="i" select="position()"/>
          <xsl:with-param name="value" select="."/>
          <xsl:with-param name="removable" select="$n &gt; 1"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$n = 0">
        <xsl:call-template name="plan-subgoal-row">
          <xsl:with-param name="i" select="1"/>
          <xsl:with-param name="removable" select="false()"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$n &lt; $plan-max-subgoals">
        <xsl:call-template name="add-button">
          <xsl:with-param name="path" select="'subgoals/subgoal'"/>
          <xsl:with-param name="label" select="'Lägg till delmål'"/>
        </xsl:call-template>
      </xsl:if>
    </fieldset>

    <!-- ======================================== Aktiviteter -->
    <fieldset>
      <xsl:call-template name="group-attrs"><xsl:with-param name="field" select="'activities'"/></xsl:call-template>
      <legend>Aktiviteter<xsl:call-template name="required"/></legend>
      <p class="hint">Beskriv vad kunden ska göra, hur det ska gå till och när.</p>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'activities'"/></xsl:call-template>
      <xsl:variable name="n" select="count(activities/activity)"/>
      <xsl:for-each select="activities/activity">
        <xsl:call-template name="plan-activity">
          <xsl:with-param name="i" select="position()"/>
          <xsl:with-param name="a" select="."/>
          <xsl:with-param name="removable" select="$n &gt; 1"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$n = 0">
        <xsl:call-template name="plan-activity">
          <xsl:with-param name="i" select="1"/>
          <xsl:with-param name="a" select="/.."/>
          <xsl:with-param name="removable" select="false()"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$n &lt; $plan-max-activities">
        <xsl:call-template name="add-button">
          <xsl:with-param name="path" select="'activities/activity'"/>
          <xsl:with-param name="label" select="'Lägg till aktivitet'"/>
        </xsl:call-template>
      </xsl:if>
    </fieldset>

    <!-- ======================================== Omfattning -->
    <xsl:choose>
      <xsl:when test="/page/document/assignment">
        <xsl:call-template name="plan-scope-assigned"/>
      </xsl:when>
      <xsl:otherwise>
        <fieldset>
          <xsl:call-template name="group-attrs"><xsl:with-param name="field" select="'scope'"/></xsl:call-template>
          <legend>Omfattning</legend>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'scope'"/></xsl:call-template>
          <fieldset>
            <xsl:call-template name="field-class">
              <xsl:with-param name="field" select="'scope/extent'"/>
              <xsl:with-param name="base" select="'field radios'"/>
            </xsl:call-template>
            <legend>Planeras insatsen på heltid eller deltid?<xsl:call-template name="required"/></legend>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'scope/extent'"/></xsl:call-template>
            <xsl:variable name="extent" select="normalize-space(scope/extent)"/>
            <div class="radio">
              <input type="radio" value="fulltime">
                <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="'scope/extent'"/></xsl:call-template>
                <xsl:if test="$extent = 'fulltime'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="f-scope-extent">Heltid</label>
            </div>
            <div class="radio">
              <input type="radio" value="parttime" id="f-scope-extent-parttime">
                <xsl:call-template name="field-attrs">
                  <xsl:with-param name="field" select="'scope/extent'"/>
                  <xsl:with-param name="with-id" select="false()"/>
                </xsl:call-template>
                <xsl:if test="$extent = 'parttime'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <label for="f-scope-extent-parttime">Deltid</label>
            </div>
          </fieldset>
          <xsl:call-template name="textarea-field">
            <xsl:with-param name="field" select="'scope/parttimeReason'"/>
            <xsl:with-param name="value" select="scope/parttimeReason"/>
            <xsl:with-param name="label" select="'Skäl till deltid (enligt karriärvägledaren)'"/>
            <xsl:with-param name="required-text" select="'(obligatoriskt vid deltid)'"/>
            <xsl:with-param name="hint" select="'Fyll i när insatsen planeras på deltid.'"/>
          </xsl:call-template>
        </fieldset>
      </xsl:otherwise>
    </xsl:choose>

    <!-- ======================================== Uppföljning -->
    <fieldset class="group" id="g-followUp">
      <legend>Uppföljning</legend>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'followUp'"/>
        <xsl:with-param name="value" select="normalize-space(followUp)"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Datum för uppföljning'"/>
        <xsl:with-param name="hint" select="'När planen ska följas upp med kunden (ÅÅÅÅ-MM-DD).'"/>
      </xsl:call-template>
    </fieldset>

    <!-- ======================================== Underskrifter -->
    <fieldset>
      <xsl:call-template name="group-attrs"><xsl:with-param name="field" select="'signatures'"/></xsl:call-template>
      <legend>Underskrifter</legend>
      <p class="hint">Planen ska vara undertecknad av både kunden (eller kundens företrädare) och anordnaren.</p>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'signatures'"/></xsl:call-template>
      <xsl:call-template name="plan-signature">
        <xsl:with-param name="who" select="'customer'"/>
        <xsl:with-param name="s" select="signatures/customer"/>
        <xsl:with-param name="legend" select="'Kund'"/>
        <xsl:with-param name="label" select="'Undertecknad av kund eller företrädare'"/>
      </xsl:call-template>
      <xsl:call-template name="plan-signature">
        <xsl:with-param name="who" select="'provider'"/>
        <xsl:with-param name="s" select="signatures/provider"/>
        <xsl:with-param name="legend" select="'Anordnare'"/>
        <xsl:with-param name="label" select="'Undertecknad av anordnare'"/>
      </xsl:call-template>
    </fieldset>
  </xsl:template>

  <!-- One sub-goal row. -->
  <xsl:template name="plan-subgoal-row">
    <xsl:param name="i"/>
    <xsl:param name="value"/>
    <xsl:param name="removable"/>
    <xsl:variable name="field" select="concat('subgoals/subgoal[', $i, ']')"/>
    <div class="repeat-row">
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="value" select="$value"/>
        <xsl:with-param name="label" select="concat('Delmål ', $i)"/>
        <xsl:with-param name="rows" select="2"/>
      </xsl:call-template>
      <xsl:if test="$removable">
        <xsl:call-template name="remove-button">
          <xsl:with-param name="field" select="$field"/>
          <xsl:with-param name="what" select="concat('delmål ', $i)"/>
        </xsl:call-template>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- One activity: Vad / Hur / När. -->
  <xsl:template name="plan-activity">
    <xsl:param name="i"/>
    <xsl:param name="a"/>
    <xsl:param name="removable"/>
    <xsl:variable name="field" select="concat('activities/activity[', $i, ']')"/>
    <fieldset>
      <xsl:call-template name="group-attrs">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="class" select="'group repeat-group'"/>
      </xsl:call-template>
      <legend>Aktivitet <xsl:value-of select="$i"/></legend>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="concat($field, '/what')"/>
        <xsl:with-param name="value" select="$a/what"/>
        <xsl:with-param name="label" select="'Vad'"/>
        <xsl:with-param name="hint" select="'Vilken aktivitet, till exempel arbetsträning eller studiebesök.'"/>
        <xsl:with-param name="rows" select="2"/>
      </xsl:call-template>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="concat($field, '/how')"/>
        <xsl:with-param name="value" select="$a/how"/>
        <xsl:with-param name="label" select="'Hur'"/>
        <xsl:with-param name="hint" select="'Hur aktiviteten genomförs och med vilket stöd.'"/>
        <xsl:with-param name="rows" select="3"/>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="concat($field, '/when')"/>
        <xsl:with-param name="value" select="$a/when"/>
        <xsl:with-param name="label" select="'När'"/>
        <xsl:with-param name="hint" select="'Till exempel dagar, tider och veckor.'"/>
      </xsl:call-template>
      <xsl:if test="$removable">
        <xsl:call-template name="remove-button">
          <xsl:with-param name="field" select="$field"/>
          <xsl:with-param name="what" select="concat('aktivitet ', $i)"/>
        </xsl:call-template>
      </xsl:if>
    </fieldset>
  </xsl:template>

  <!-- One signature: signedBy + date. -->
  <xsl:template name="plan-signature">
    <xsl:param name="who"/>
    <xsl:param name="s"/>
    <xsl:param name="legend"/>
    <xsl:param name="label"/>
    <xsl:variable name="field" select="concat('signatures/', $who)"/>
    <fieldset>
      <xsl:call-template name="group-attrs">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="class" select="'group signature'"/>
      </xsl:call-template>
      <legend><xsl:value-of select="$legend"/></legend>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="concat($field, '/signedBy')"/>
        <xsl:with-param name="value" select="$s/signedBy"/>
        <xsl:with-param name="label" select="$label"/>
        <xsl:with-param name="hint" select="'Namn på den som skrev under.'"/>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="concat($field, '/date')"/>
        <xsl:with-param name="value" select="normalize-space($s/date)"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Datum för underskrift'"/>
      </xsl:call-template>
    </fieldset>
  </xsl:template>

  <!-- The Swedish name of a field of a plan, for the error summary. -->
  <xsl:template match="plan" mode="field-label">
    <xsl:param name="field"/>
    <xsl:variable name="i" select="substring-before(substring-after($field, '['), ']')"/>
    <xsl:choose>
      <xsl:when test="$field = 'goal'">Mål för insatsen</xsl:when>
      <xsl:when test="$field = 'subgoals'">Delmål</xsl:when>
      <xsl:when test="starts-with($field, 'subgoals/subgoal')">Delmål <xsl:value-of select="$i"/></xsl:when>
      <xsl:when test="$field = 'activities'">Aktiviteter</xsl:when>
      <xsl:when test="starts-with($field, 'activities/activity')">
        <xsl:text>Aktivitet </xsl:text><xsl:value-of select="$i"/>
        <xsl:choose>
          <xsl:when test="substring($field, string-length($field) - 4) = '/what'">, vad</xsl:when>
          <xsl:when test="substring($field, string-length($field) - 3) = '/how'">, hur</xsl:when>
          <xsl:when test="substring($field, string-length($field) - 4) = '/when'">, när</xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$field = 'scope' or $field = 'scope/extent'">Omfattning</xsl:when>
      <xsl:when test="$field = 'scope/parttimeReason'">Skäl till deltid</xsl:when>
      <xsl:when test="$field = 'followUp'">Datum för uppföljning</xsl:when>
      <xsl:when test="$field = 'signatures'">Underskrifter</xsl:when>
      <xsl:when test="$field = 'signatures/customer'">Kundens underskrift</xsl:when>
      <xsl:when test="$field = 'signatures/customer/signedBy'">Undertecknad av kund eller företrädare</xsl:when>
      <xsl:when test="$field = 'signatures/customer/date'">Datum för kundens underskrift</xsl:when>
      <xsl:when test="$field = 'signatures/provider'">Anordnarens underskrift</xsl:when>
      <xsl:when test="$field = 'signatures/provider/signedBy'">Undertecknad av anordnare</xsl:when>
      <xsl:when test="$field = 'signatures/provider/date'">Datum för anordnarens underskrift</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The scope when the counsellor's assignment is recorded: shown, not
       typed (the worker sets it from the assignment on every save). -->
  <xsl:template name="plan-scope-assigned">
    <xsl:variable name="a" select="/page/document/assignment"/>
    <section class="assignment-box" aria-labelledby="h-assignment">
      <h2 id="h-assignment">Uppdraget som planen ska följa</h2>
      <dl class="facts">
        <div><dt>Uppdragsbeskrivning</dt><dd class="text"><xsl:value-of select="$a/text"/></dd></div>
        <div><dt>Kundens framtidsplan</dt><dd class="text"><xsl:value-of select="$a/future-plan"/></dd></div>
        <div>
          <dt>Omfattning</dt>
          <dd><xsl:call-template name="extent-label"><xsl:with-param name="extent" select="$a/@extent"/></xsl:call-template></dd>
        </div>
        <xsl:if test="$a/part-time-reason">
          <div><dt>Skäl till deltid (enligt karriärvägledaren)</dt><dd class="text"><xsl:value-of select="$a/part-time-reason"/></dd></div>
        </xsl:if>
      </dl>
      <p class="hint">Omfattningen och skälet till deltid kommer från karriärvägledarens uppdrag.</p>
      <input type="hidden" name="scope/extent" value="{$a/@extent}"/>
    </section>
  </xsl:template>

</xsl:stylesheet>
