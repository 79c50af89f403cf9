<?xml version="1.0" encoding="UTF-8"?>
<!-- form-monthly.xsl: the fields of the edit form of a månadsrapport
     (document kind "monthly", schemas/monthly.xsd).

     The frame (heading, error summary, <form>, hidden fields, save button)
     is in edit.xsl; this file renders the fields of <monthly>:
       match="monthly" mode="form"         the fields
       match="monthly" mode="field-label"  the Swedish name of a field
     Every section is answered, or marked "Ej aktuellt" with a short
     motivation in the same text field (README, Rules: monthly reports). An error about a whole
     section ("progression") is shown at the section's fieldset. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- schemas/monthly.xsd: maxOccurs of <absence> -->
  <xsl:variable name="monthly-max-absences" select="31"/>

  <xsl:template match="monthly" mode="form">
    <xsl:call-template name="monthly-section">
      <xsl:with-param name="name" select="'progression'"/>
      <xsl:with-param name="s" select="progression"/>
      <xsl:with-param name="legend" select="'Progression'"/>
      <xsl:with-param name="hint" select="'Kundens framsteg mot mål och delmål. Finns det utmaningar eller behov av stöd?'"/>
    </xsl:call-template>
    <xsl:call-template name="monthly-section">
      <xsl:with-param name="name" select="'adjustments'"/>
      <xsl:with-param name="s" select="adjustments"/>
      <xsl:with-param name="legend" select="'Justeringar'"/>
      <xsl:with-param name="hint" select="'Har förutsättningarna ändrats så att genomförandeplanen behöver justeras? Nya aktiviteter, reviderade mål eller delmål?'"/>
    </xsl:call-template>
    <xsl:call-template name="monthly-absences"/>
    <xsl:call-template name="monthly-section">
      <xsl:with-param name="name" select="'deviations'"/>
      <xsl:with-param name="s" select="deviations"/>
      <xsl:with-param name="legend" select="'Avvikelser från planeringen'"/>
      <xsl:with-param name="hint" select="'Har kunden avvikit från överenskommen planering?'"/>
    </xsl:call-template>
    <xsl:call-template name="monthly-section">
      <xsl:with-param name="name" select="'otherPlacement'"/>
      <xsl:with-param name="s" select="otherPlacement"/>
      <xsl:with-param name="legend" select="'Behov av annan insats'"/>
      <xsl:with-param name="hint" select="'Behöver kunden en annan insats, parallellt eller i stället?'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "Aktuellt" / "Ej aktuellt" radios for the section $name. -->
  <xsl:template name="monthly-applicable">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:variable name="field" select="concat($name, '/applicable')"/>
    <xsl:variable name="key" select="translate($field, '/[]', '---')"/>
    <fieldset>
      <xsl:call-template name="field-class">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="base" select="'field radios inline'"/>
      </xsl:call-template>
      <legend>Gäller avsnittet kunden den här månaden?</legend>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <div class="radio">
        <input type="radio" value="yes">
          <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="$field"/></xsl:call-template>
          <xsl:if test="$value != 'no'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="f-{$key}">Aktuellt</label>
      </div>
      <div class="radio">
        <input type="radio" value="no" id="f-{$key}-no">
          <xsl:call-template name="field-attrs">
            <xsl:with-param name="field" select="$field"/>
            <xsl:with-param name="with-id" select="false()"/>
          </xsl:call-template>
          <xsl:if test="$value = 'no'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        </input>
        <label for="f-{$key}-no">Ej aktuellt</label>
      </div>
    </fieldset>
  </xsl:template>

  <!-- A section: applicable + text. -->
  <xsl:template name="monthly-section">
    <xsl:param name="name"/>
    <xsl:param name="s"/>
    <xsl:param name="legend"/>
    <xsl:param name="hint"/>
    <fieldset>
      <xsl:call-template name="group-attrs"><xsl:with-param name="field" select="$name"/></xsl:call-template>
      <legend><xsl:value-of select="$legend"/><xsl:call-template name="required"/></legend>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$name"/></xsl:call-template>
      <xsl:call-template name="monthly-applicable">
        <xsl:with-param name="name" select="$name"/>
        <xsl:with-param name="value" select="normalize-space($s/applicable)"/>
      </xsl:call-template>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="concat($name, '/text')"/>
        <xsl:with-param name="value" select="$s/text"/>
        <xsl:with-param name="label" select="'Beskrivning, eller motivering till Ej aktuellt'"/>
        <xsl:with-param name="hint" select="$hint"/>
        <xsl:with-param name="required" select="false()"/>
        <xsl:with-param name="rows" select="4"/>
      </xsl:call-template>
    </fieldset>
  </xsl:template>

  <!-- Frånvaro: rows of dates, reason and certificate (README, Rules: absences). -->
  <xsl:template name="monthly-absences">
    <xsl:variable name="n" select="count(absences/absence)"/>
    <fieldset>
      <xsl:call-template name="group-attrs"><xsl:with-param name="field" select="'absences'"/></xsl:call-template>
      <legend>Frånvaro<xsl:call-template name="required"/></legend>
      <p class="hint">All frånvaro under månaden med datum och orsak. Från dag 8 i en sjuk- eller vab-period krävs läkarintyg eller vab-intyg.</p>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'absences'"/></xsl:call-template>
      <xsl:call-template name="monthly-applicable">
        <xsl:with-param name="name" select="'absences'"/>
        <xsl:with-param name="value" select="normalize-space(absences/applicable)"/>
      </xsl:call-template>
      <xsl:for-each select="absences/absence">
        <xsl:call-template name="monthly-absence">
          <xsl:with-param name="i" select="position()"/>
          <xsl:with-param name="a" select="."/>
          <xsl:with-param name="removable" select="$n &gt; 1"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$n = 0">
        <xsl:call-template name="monthly-absence">
          <xsl:with-param name="i" select="1"/>
          <xsl:with-param name="a" select="/.."/>
          <xsl:with-param name="removable" select="false()"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$n &lt; $monthly-max-absences">
        <xsl:call-template name="add-button">
          <xsl:with-param name="path" select="'absences/absence'"/>
          <xsl:with-param name="label" select="'Lägg till frånvaro'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="'absences/text'"/>
        <xsl:with-param name="value" select="absences/text"/>
        <xsl:with-param name="label" select="'Kommentar, eller motivering till Ej aktuellt'"/>
        <xsl:with-param name="hint" select="'Till exempel: ingen frånvaro under månaden.'"/>
        <xsl:with-param name="required" select="false()"/>
        <xsl:with-param name="rows" select="2"/>
      </xsl:call-template>
    </fieldset>
  </xsl:template>

  <xsl:template name="monthly-absence">
    <xsl:param name="i"/>
    <xsl:param name="a"/>
    <xsl:param name="removable"/>
    <xsl:variable name="field" select="concat('absences/absence[', $i, ']')"/>
    <xsl:variable name="reason" select="normalize-space($a/reason)"/>
    <xsl:variable name="cert" select="normalize-space($a/certificate)"/>
    <xsl:variable name="ckey" select="translate(concat($field, '/certificate'), '/[]', '---')"/>
    <fieldset>
      <xsl:call-template name="group-attrs">
        <xsl:with-param name="field" select="$field"/>
        <xsl:with-param name="class" select="'group repeat-group'"/>
      </xsl:call-template>
      <legend>Frånvaro <xsl:value-of select="$i"/></legend>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="concat($field, '/from')"/>
        <xsl:with-param name="value" select="normalize-space($a/from)"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Från och med'"/>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="concat($field, '/to')"/>
        <xsl:with-param name="value" select="normalize-space($a/to)"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Till och med'"/>
      </xsl:call-template>
      <div>
        <xsl:call-template name="field-class"><xsl:with-param name="field" select="concat($field, '/reason')"/></xsl:call-template>
        <label for="f-{translate(concat($field, '/reason'), '/[]', '---')}">Orsak<xsl:call-template name="required"/></label>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="concat($field, '/reason')"/></xsl:call-template>
        <select>
          <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="concat($field, '/reason')"/></xsl:call-template>
          <option value="">Välj orsak</option>
          <xsl:call-template name="monthly-option"><xsl:with-param name="v" select="'sjuk'"/><xsl:with-param name="cur" select="$reason"/></xsl:call-template>
          <xsl:call-template name="monthly-option"><xsl:with-param name="v" select="'vab'"/><xsl:with-param name="cur" select="$reason"/></xsl:call-template>
          <xsl:call-template name="monthly-option"><xsl:with-param name="v" select="'annan'"/><xsl:with-param name="cur" select="$reason"/></xsl:call-template>
          <xsl:call-template name="monthly-option"><xsl:with-param name="v" select="'ogiltig'"/><xsl:with-param name="cur" select="$reason"/></xsl:call-template>
        </select>
      </div>
      <fieldset>
        <xsl:call-template name="field-class">
          <xsl:with-param name="field" select="concat($field, '/certificate')"/>
          <xsl:with-param name="base" select="'field radios inline'"/>
        </xsl:call-template>
        <legend>Har intyg kommit in?<xsl:call-template name="required"/></legend>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="concat($field, '/certificate')"/></xsl:call-template>
        <div class="radio">
          <input type="radio" value="yes">
            <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="concat($field, '/certificate')"/></xsl:call-template>
            <xsl:if test="$cert = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="f-{$ckey}">Ja</label>
        </div>
        <div class="radio">
          <input type="radio" value="no" id="f-{$ckey}-no">
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="concat($field, '/certificate')"/>
              <xsl:with-param name="with-id" select="false()"/>
            </xsl:call-template>
            <xsl:if test="$cert = 'no'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="f-{$ckey}-no">Nej</label>
        </div>
      </fieldset>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="concat($field, '/note')"/>
        <xsl:with-param name="value" select="$a/note"/>
        <xsl:with-param name="label" select="'Kommentar'"/>
        <xsl:with-param name="hint" select="'Krävs när en sjuk- eller vab-period når dag 8 utan intyg: hur följs intyget upp?'"/>
        <xsl:with-param name="required" select="false()"/>
        <xsl:with-param name="rows" select="2"/>
      </xsl:call-template>
      <xsl:if test="$removable">
        <xsl:call-template name="remove-button">
          <xsl:with-param name="field" select="$field"/>
          <xsl:with-param name="what" select="concat('frånvaro ', $i)"/>
        </xsl:call-template>
      </xsl:if>
    </fieldset>
  </xsl:template>

  <xsl:template name="monthly-option">
    <xsl:param name="v"/>
    <xsl:param name="cur"/>
    <option value="{$v}">
      <xsl:if test="$v = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="absence-reason-label"><xsl:with-param name="r" select="$v"/></xsl:call-template>
    </option>
  </xsl:template>

  <!-- The Swedish name of a field of a monthly report, for the error summary. -->
  <xsl:template match="monthly" mode="field-label">
    <xsl:param name="field"/>
    <xsl:variable name="i" select="substring-before(substring-after($field, '['), ']')"/>
    <xsl:variable name="section" select="substring-before(concat($field, '/'), '/')"/>
    <xsl:choose>
      <xsl:when test="starts-with($field, 'absences/absence')">
        <xsl:text>Frånvaro </xsl:text><xsl:value-of select="$i"/>
        <xsl:choose>
          <xsl:when test="contains($field, '/from')">, från och med</xsl:when>
          <xsl:when test="contains($field, '/to')">, till och med</xsl:when>
          <xsl:when test="contains($field, '/reason')">, orsak</xsl:when>
          <xsl:when test="contains($field, '/certificate')">, intyg</xsl:when>
          <xsl:when test="contains($field, '/note')">, kommentar</xsl:when>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$section = 'progression'">Progression</xsl:when>
      <xsl:when test="$section = 'adjustments'">Justeringar</xsl:when>
      <xsl:when test="$section = 'absences'">Frånvaro</xsl:when>
      <xsl:when test="$section = 'deviations'">Avvikelser från planeringen</xsl:when>
      <xsl:when test="$section = 'otherPlacement'">Behov av annan insats</xsl:when>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
