<?xml version="1.0" encoding="UTF-8"?>
<!-- case.xsl: the case flow of a placement on the placement page (named
     template "case-section", context: <placement> with <case>): each step
     with its date, due date and lateness, and the form of the step the
     viewer may take now (case/may). A refused step comes back with
     /page/errors and what was typed in /page/posted[@step]. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- What was typed in field $name of step $step, else $stored. -->
  <xsl:template name="case-value">
    <xsl:param name="step"/>
    <xsl:param name="name"/>
    <xsl:param name="stored"/>
    <xsl:variable name="posted" select="/page/posted[@step = $step]"/>
    <xsl:choose>
      <xsl:when test="$posted"><xsl:value-of select="$posted/field[@name = $name]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$stored"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A protected identity: its category, what it means for the work, and
       for the responsible counsellor who has read the record. -->
  <xsl:template name="protection-box">
    <xsl:variable name="c" select="protection/@category"/>
    <section class="protection" aria-labelledby="h-protection">
      <h2 id="h-protection">
        <xsl:text>Skyddad identitet: </xsl:text>
        <xsl:choose>
          <xsl:when test="$c = 'skyddad-folkbokforing'">skyddad folkbokföring</xsl:when>
          <xsl:when test="$c = 'fingerade'">fingerade personuppgifter</xsl:when>
          <xsl:otherwise>sekretessmarkering</xsl:otherwise>
        </xsl:choose>
      </h2>
      <p>
        <xsl:choose>
          <xsl:when test="$c = 'skyddad-folkbokforing'">Kundens adress och vistelseort är skyddade. Lämna aldrig ut var kunden bor, arbetar eller har möten, och använd bara säkra mötesformer.</xsl:when>
          <xsl:when test="$c = 'fingerade'">Kunden har fingerade personuppgifter. Använd bara uppgifterna här och för aldrig in eller nämn kundens tidigare identitet.</xsl:when>
          <xsl:otherwise>Uppgifter om kunden får inte lämnas ut utan sekretessprövning. Namn och personnummer visas bara för ansvarig karriärvägledare.</xsl:otherwise>
        </xsl:choose>
        <xsl:text> Varje läsning av kundens uppgifter loggas.</xsl:text>
      </p>
      <xsl:if test="protection/reads">
        <details>
          <summary>Senaste läsningarna</summary>
          <ul>
            <xsl:for-each select="protection/reads/read">
              <li>
                <xsl:call-template name="timestamp">
                  <xsl:with-param name="at" select="@at"/>
                  <xsl:with-param name="local" select="@at-local"/>
                </xsl:call-template>
                <xsl:text> </xsl:text><xsl:value-of select="@name"/>
                <xsl:text> (</xsl:text>
                <xsl:call-template name="role-label"><xsl:with-param name="role" select="@role"/></xsl:call-template>
                <xsl:text>): </xsl:text><code><xsl:value-of select="@what"/></code>
              </li>
            </xsl:for-each>
          </ul>
        </details>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="case-ending-label">
    <xsl:param name="e"/>
    <xsl:choose>
      <xsl:when test="$e = 'completed'">Fullföljd till planerat slutdatum</xsl:when>
      <xsl:when test="$e = 'early'">Avslutad i förtid</xsl:when>
      <xsl:when test="$e = 'aborted'">Avbruten av skäl utanför anordnarens kontroll</xsl:when>
      <xsl:otherwise><xsl:value-of select="$e"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="case-event-label">
    <xsl:param name="action"/>
    <xsl:choose>
      <xsl:when test="$action = 'queue'">Ställde kunden i kö (aktualisering)</xsl:when>
      <xsl:when test="$action = 'placement-create'">Registrerade insatsen</xsl:when>
      <xsl:when test="$action = 'staff'">Bemannade ärendet</xsl:when>
      <xsl:when test="$action = 'assign'">Lade in uppdraget</xsl:when>
      <xsl:when test="$action = 'start-meeting'">Registrerade uppstartsmöte</xsl:when>
      <xsl:when test="$action = 'request-revision'">Begärde revidering av genomförandeplanen</xsl:when>
      <xsl:when test="$action = 'end'">Beslutade om avslut</xsl:when>
      <xsl:when test="$action = 'extend'">Förlängde insatsen en månad</xsl:when>
      <xsl:when test="$action = 'follow-up'">Bokade uppföljningsmöte</xsl:when>
      <xsl:when test="$action = 'consent'">Registrerade kundens samtycke till att visa planen för den nya anordnaren</xsl:when>
      <xsl:when test="$action = 'follow-up-outcome'">Registrerade utfallet av uppföljningsmöte</xsl:when>
      <xsl:otherwise><xsl:value-of select="$action"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One step: its name, when it was done (or that it is not), and its due date. -->
  <xsl:template name="case-step">
    <xsl:param name="label"/>
    <xsl:param name="done-at"/>
    <xsl:param name="done-local"/>
    <xsl:param name="done-date"/>
    <xsl:param name="due"/>
    <xsl:param name="late"/>
    <xsl:param name="detail"/>
    <li>
      <xsl:attribute name="class">
        <xsl:text>step</xsl:text>
        <xsl:if test="string($done-at) != '' or string($done-date) != ''"> step-done</xsl:if>
      </xsl:attribute>
      <span class="step-name"><xsl:value-of select="$label"/></span>
      <xsl:text>: </xsl:text>
      <xsl:choose>
        <xsl:when test="string($done-at) != ''">
          <xsl:call-template name="timestamp">
            <xsl:with-param name="at" select="$done-at"/>
            <xsl:with-param name="local" select="$done-local"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="string($done-date) != ''">
          <xsl:call-template name="date"><xsl:with-param name="d" select="$done-date"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><span class="empty">inte gjort</span></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="string($detail) != ''">
        <xsl:text> (</xsl:text><xsl:value-of select="$detail"/><xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:if test="string($due) != ''">
        <xsl:text>, senast </xsl:text>
        <xsl:call-template name="due">
          <xsl:with-param name="d" select="$due"/>
          <xsl:with-param name="late" select="$late"/>
        </xsl:call-template>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template name="case-section">
    <xsl:variable name="k" select="case"/>
    <section class="case" aria-labelledby="h-case">
      <h2 id="h-case">Ärendets gång</h2>
      <ol class="steps">
        <xsl:call-template name="case-step">
          <xsl:with-param name="label" select="'Aktualisering (kund i kö)'"/>
          <xsl:with-param name="done-at" select="$k/@queued"/>
          <xsl:with-param name="done-local" select="$k/@queued-local"/>
        </xsl:call-template>
        <xsl:call-template name="case-step">
          <xsl:with-param name="label" select="'Bemanning'"/>
          <xsl:with-param name="done-at" select="$k/@staffed"/>
          <xsl:with-param name="done-local" select="$k/@staffed-local"/>
          <xsl:with-param name="detail" select="$k/@staff-name"/>
          <xsl:with-param name="due" select="$k/@staff-due"/>
          <xsl:with-param name="late" select="$k/@staff-due-late"/>
        </xsl:call-template>
        <xsl:call-template name="case-step">
          <xsl:with-param name="label" select="'Uppdrag och framtidsplan'"/>
          <xsl:with-param name="done-at" select="$k/@assigned"/>
          <xsl:with-param name="done-local" select="$k/@assigned-local"/>
          <xsl:with-param name="due" select="$k/@assign-due"/>
          <xsl:with-param name="late" select="$k/@assign-due-late"/>
        </xsl:call-template>
        <xsl:call-template name="case-step">
          <xsl:with-param name="label" select="'Uppstartsmöte'"/>
          <xsl:with-param name="done-date" select="$k/@meeting"/>
          <xsl:with-param name="due" select="$k/@meeting-due"/>
          <xsl:with-param name="late" select="$k/@meeting-due-late"/>
        </xsl:call-template>
      </ol>

      <xsl:if test="$k/assignment">
        <h3>Uppdraget</h3>
        <dl class="facts">
          <div>
            <dt>Omfattning</dt>
            <dd><xsl:call-template name="extent-label"><xsl:with-param name="extent" select="$k/@extent"/></xsl:call-template></dd>
          </div>
          <xsl:if test="$k/part-time-reason">
            <div><dt>Skäl till deltid</dt><dd class="text"><xsl:value-of select="$k/part-time-reason"/></dd></div>
          </xsl:if>
          <div><dt>Uppdragsbeskrivning</dt><dd class="text"><xsl:value-of select="$k/assignment"/></dd></div>
          <div><dt>Kundens framtidsplan</dt><dd class="text"><xsl:value-of select="$k/future-plan"/></dd></div>
        </dl>
      </xsl:if>

      <h3>Tid och avslut</h3>
      <dl class="facts">
        <div>
          <dt>Maxtid</dt>
          <dd>
            <xsl:text>till och med </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="d" select="$k/@max-end"/></xsl:call-template>
            <xsl:if test="$k/@extensions &gt; 0">
              <xsl:text> (förlängd </xsl:text>
              <xsl:value-of select="$k/@extensions"/>
              <xsl:text> av högst </xsl:text>
              <xsl:value-of select="$k/@extensions-max"/>
              <xsl:text> månader)</xsl:text>
            </xsl:if>
            <xsl:if test="$k/@past-max = '1'">
              <xsl:text> </xsl:text><strong class="late">maxtiden har passerats</strong>
            </xsl:if>
          </dd>
        </div>
        <xsl:if test="string($k/@planned-end) != ''">
          <div><dt>Planerat slutdatum</dt><dd><xsl:call-template name="date"><xsl:with-param name="d" select="$k/@planned-end"/></xsl:call-template></dd></div>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="string($k/@ending) != ''">
            <div>
              <dt>Beslut om avslut</dt>
              <dd>
                <xsl:call-template name="case-ending-label"><xsl:with-param name="e" select="$k/@ending"/></xsl:call-template>
                <xsl:text>, beslutat </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="d" select="$k/@decided"/></xsl:call-template>
              </dd>
            </div>
            <div><dt>Faktiskt slutdatum</dt><dd><xsl:call-template name="date"><xsl:with-param name="d" select="@end"/></xsl:call-template></dd></div>
          </xsl:when>
          <xsl:otherwise>
            <div><dt>Beslut om avslut</dt><dd><span class="empty">inget beslut ännu</span></dd></div>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="string($k/@revision-requested) != ''">
          <div>
            <dt>Revidering av planen begärd</dt>
            <dd>
              <xsl:call-template name="timestamp">
                <xsl:with-param name="at" select="$k/@revision-requested"/>
                <xsl:with-param name="local" select="$k/@revision-requested-local"/>
              </xsl:call-template>
            </dd>
          </div>
        </xsl:if>
      </dl>

      <xsl:call-template name="follow-ups-section"/>
      <xsl:if test="$k/former-plan">
        <xsl:call-template name="former-plan-section"/>
      </xsl:if>

      <xsl:if test="/page/errors/error and /page/posted">
        <xsl:call-template name="error-summary"/>
      </xsl:if>
      <xsl:apply-templates select="$k/may" mode="case-form"/>

      <xsl:if test="$k/history/event">
        <details class="case-history">
          <summary>Händelser i ärendet</summary>
          <ul>
            <xsl:for-each select="$k/history/event">
              <li>
                <xsl:call-template name="timestamp">
                  <xsl:with-param name="at" select="@at"/>
                  <xsl:with-param name="local" select="@at-local"/>
                </xsl:call-template>
                <xsl:text> </xsl:text>
                <xsl:value-of select="@name"/>
                <xsl:text>: </xsl:text>
                <xsl:call-template name="case-event-label"><xsl:with-param name="action" select="@action"/></xsl:call-template>
                <xsl:if test="comment">
                  <xsl:text> – </xsl:text>
                  <xsl:choose>
                    <xsl:when test="comment = 'default-provider'">hos förvalsanordnaren</xsl:when>
                    <xsl:when test="@action = 'end'">
                      <xsl:call-template name="case-ending-label"><xsl:with-param name="e" select="comment"/></xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise><xsl:value-of select="comment"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </details>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- Follow-up meetings (trepartssamtal): the list, the outcome form of a
       held meeting for the counsellor, and the booking form. -->
  <xsl:template name="follow-ups-section">
    <xsl:variable name="k" select="case"/>
    <h3 id="h-follow-ups">Uppföljningsmöten</h3>
    <xsl:choose>
      <xsl:when test="$k/follow-ups/follow-up">
        <ul class="follow-ups">
          <xsl:for-each select="$k/follow-ups/follow-up">
            <li>
              <xsl:call-template name="date"><xsl:with-param name="d" select="@meeting-on"/></xsl:call-template>
              <xsl:text>, bokat av </xsl:text><xsl:value-of select="@booked-by"/>
              <xsl:if test="note"><xsl:text> – </xsl:text><xsl:value-of select="note"/></xsl:if>
              <xsl:choose>
                <xsl:when test="outcome">
                  <p class="text"><strong>Utfall: </strong><xsl:value-of select="outcome"/></p>
                  <xsl:if test="@revise-plan = '1'"><p><strong>Genomförandeplanen ska revideras.</strong></p></xsl:if>
                </xsl:when>
                <xsl:when test="@may-record = '1'">
                  <xsl:variable name="step" select="concat('outcome-', @id)"/>
                  <form class="case-form" method="post" action="/follow-ups/{@id}/outcome">
                    <xsl:call-template name="csrf"/>
                    <!-- One form per held meeting: ids carry the meeting's. -->
                    <xsl:variable name="mine" select="/page/posted[@step = $step]"/>
                    <div>
                      <xsl:attribute name="class">field<xsl:if test="$mine and /page/errors/error[@field = 'outcome']"> field-invalid</xsl:if></xsl:attribute>
                      <label for="f-outcome-{@id}">Vad kom mötet fram till?<xsl:call-template name="required"/></label>
                      <xsl:if test="$mine and /page/errors/error[@field = 'outcome']">
                        <p class="field-error" id="e-outcome-{@id}"><span class="visually-hidden">Fel: </span><xsl:apply-templates select="/page/errors/error[@field = 'outcome'][1]/@code" mode="text"/></p>
                      </xsl:if>
                      <textarea name="outcome" id="f-outcome-{@id}" rows="3" maxlength="4000">
                        <xsl:if test="$mine and /page/errors/error[@field = 'outcome']">
                          <xsl:attribute name="aria-invalid">true</xsl:attribute>
                          <xsl:attribute name="aria-describedby">e-outcome-<xsl:value-of select="@id"/></xsl:attribute>
                        </xsl:if>
                        <xsl:text>&#10;</xsl:text>
                        <xsl:value-of select="$mine/field[@name = 'outcome']"/>
                      </textarea>
                    </div>
                    <div class="field checkbox">
                      <input type="checkbox" name="revise_plan" value="1" id="f-revise_plan-{@id}">
                        <xsl:if test="/page/posted[@step = $step]/field[@name = 'revise_plan']">
                          <xsl:attribute name="checked">checked</xsl:attribute>
                        </xsl:if>
                      </input>
                      <label for="f-revise_plan-{@id}">Genomförandeplanen ska revideras (inom fem arbetsdagar)</label>
                    </div>
                    <p><button type="submit" class="btn">Spara utfall</button></p>
                  </form>
                </xsl:when>
                <xsl:otherwise><xsl:text> </xsl:text><span class="empty">utfall ej registrerat</span></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p class="empty-list">Inga uppföljningsmöten bokade.</p></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$k/may[@name = 'book-follow-up']">
      <details class="case-more">
        <xsl:if test="/page/posted[@step = 'book-follow-up']"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
        <summary>Boka uppföljningsmöte</summary>
        <form class="case-form" method="post" action="/placements/{@id}/follow-ups">
          <xsl:call-template name="csrf"/>
          <xsl:call-template name="input-field">
            <xsl:with-param name="field" select="'follow_up_on'"/>
            <xsl:with-param name="type" select="'date'"/>
            <xsl:with-param name="label" select="'Datum för mötet'"/>
            <xsl:with-param name="value" select="/page/posted[@step = 'book-follow-up']/field[@name = 'follow_up_on']"/>
          </xsl:call-template>
          <xsl:call-template name="textarea-field">
            <xsl:with-param name="field" select="'note'"/>
            <xsl:with-param name="label" select="'Vad ska tas upp?'"/>
            <xsl:with-param name="required" select="false()"/>
            <xsl:with-param name="value" select="/page/posted[@step = 'book-follow-up']/field[@name = 'note']"/>
          </xsl:call-template>
          <p><button type="submit" class="btn">Boka mötet</button></p>
        </form>
      </details>
    </xsl:if>
  </xsl:template>

  <!-- A provider change: the former provider's current plan, readable by
       the new provider once the customer's written consent is recorded. -->
  <xsl:template name="former-plan-section">
    <xsl:variable name="f" select="case/former-plan"/>
    <h3 id="h-former-plan">Byte av anordnare</h3>
    <p>
      <xsl:text>Kunden hade tidigare insats hos </xsl:text>
      <xsl:value-of select="$f/@provider"/>
      <xsl:text>. </xsl:text>
      <xsl:choose>
        <xsl:when test="$f/@consent = '1'">
          <xsl:text>Kundens skriftliga samtycke gavs </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$f/@consent-on"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:otherwise>Den nya anordnaren ser den aktuella genomförandeplanen först när kundens skriftliga samtycke är registrerat.</xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="$f/@document">
      <p><a href="/documents/{$f/@document}">Tidigare genomförandeplan, revision <xsl:value-of select="$f/@revision"/></a></p>
    </xsl:if>
    <xsl:if test="case/may[@name = 'consent']">
      <form class="case-form" method="post" action="/placements/{@id}/consent">
        <xsl:call-template name="csrf"/>
        <xsl:call-template name="input-field">
          <xsl:with-param name="field" select="'consent_on'"/>
          <xsl:with-param name="type" select="'date'"/>
          <xsl:with-param name="label" select="'Datum för kundens skriftliga samtycke'"/>
          <xsl:with-param name="value" select="/page/posted[@step = 'consent']/field[@name = 'consent_on']"/>
        </xsl:call-template>
        <p><button type="submit" class="btn">Registrera samtycke</button></p>
      </form>
    </xsl:if>
  </xsl:template>

  <!-- The form of each step the viewer may take (booking: above). -->
  <xsl:template match="may" mode="case-form"/>
  <xsl:template match="may[@name = 'staff']" mode="case-form">
    <form class="case-form" method="post" action="/placements/{../../@id}/staff">
      <h3>Bemanna ärendet</h3>
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'staff_name'"/>
        <xsl:with-param name="label" select="'Jobbexpert som ansvarar för kunden'"/>
        <xsl:with-param name="hint" select="'Samma dag eller vardagen efter att kunden ställts i kö.'"/>
        <xsl:with-param name="value">
          <xsl:call-template name="case-value">
            <xsl:with-param name="step" select="'staff'"/>
            <xsl:with-param name="name" select="'staff_name'"/>
            <xsl:with-param name="stored" select="../@staff-name"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <p><button type="submit" class="btn btn-primary">Spara bemanning</button></p>
    </form>
  </xsl:template>

  <xsl:template match="may[@name = 'assign']" mode="case-form">
    <xsl:variable name="extent">
      <xsl:call-template name="case-value">
        <xsl:with-param name="step" select="'assign'"/>
        <xsl:with-param name="name" select="'extent'"/>
        <xsl:with-param name="stored" select="../@extent"/>
      </xsl:call-template>
    </xsl:variable>
    <form class="case-form" method="post" action="/placements/{../../@id}/assign">
      <h3>Lägg in uppdrag och framtidsplan</h3>
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="'assignment'"/>
        <xsl:with-param name="label" select="'Uppdragsbeskrivning'"/>
        <xsl:with-param name="rows" select="4"/>
        <xsl:with-param name="value">
          <xsl:call-template name="case-value">
            <xsl:with-param name="step" select="'assign'"/>
            <xsl:with-param name="name" select="'assignment'"/>
            <xsl:with-param name="stored" select="../assignment"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <fieldset>
        <xsl:call-template name="field-class">
          <xsl:with-param name="field" select="'extent'"/>
          <xsl:with-param name="base" select="'field radios'"/>
        </xsl:call-template>
        <legend>Omfattning<xsl:call-template name="required"/></legend>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="'extent'"/></xsl:call-template>
        <div class="radio">
          <input type="radio" value="fulltime">
            <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="'extent'"/></xsl:call-template>
            <xsl:if test="$extent = 'fulltime' or $extent = ''"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="f-extent">Heltid</label>
        </div>
        <div class="radio">
          <input type="radio" value="parttime" id="f-extent-parttime">
            <xsl:call-template name="field-attrs">
              <xsl:with-param name="field" select="'extent'"/>
              <xsl:with-param name="with-id" select="false()"/>
            </xsl:call-template>
            <xsl:if test="$extent = 'parttime'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          </input>
          <label for="f-extent-parttime">Deltid</label>
        </div>
      </fieldset>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="'part_time_reason'"/>
        <xsl:with-param name="label" select="'Skäl till deltid'"/>
        <xsl:with-param name="required-text" select="'(obligatoriskt vid deltid)'"/>
        <xsl:with-param name="maxlength" select="1000"/>
        <xsl:with-param name="value">
          <xsl:call-template name="case-value">
            <xsl:with-param name="step" select="'assign'"/>
            <xsl:with-param name="name" select="'part_time_reason'"/>
            <xsl:with-param name="stored" select="../part-time-reason"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="'future_plan'"/>
        <xsl:with-param name="label" select="'Kundens framtidsplan'"/>
        <xsl:with-param name="rows" select="4"/>
        <xsl:with-param name="value">
          <xsl:call-template name="case-value">
            <xsl:with-param name="step" select="'assign'"/>
            <xsl:with-param name="name" select="'future_plan'"/>
            <xsl:with-param name="stored" select="../future-plan"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <p><button type="submit" class="btn btn-primary">Spara uppdraget</button></p>
    </form>
  </xsl:template>

  <xsl:template match="may[@name = 'start-meeting']" mode="case-form">
    <form class="case-form" method="post" action="/placements/{../../@id}/start-meeting">
      <h3>Registrera uppstartsmöte</h3>
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'meeting_on'"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Datum för uppstartsmötet'"/>
        <xsl:with-param name="hint" select="'Inom en vecka från att uppdraget kom (ÅÅÅÅ-MM-DD).'"/>
        <xsl:with-param name="value">
          <xsl:call-template name="case-value">
            <xsl:with-param name="step" select="'start-meeting'"/>
            <xsl:with-param name="name" select="'meeting_on'"/>
            <xsl:with-param name="stored" select="../@meeting"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <p><button type="submit" class="btn btn-primary">Spara mötet</button></p>
    </form>
  </xsl:template>

  <xsl:template match="may[@name = 'request-revision']" mode="case-form">
    <details class="case-more">
      <xsl:if test="/page/posted[@step = 'request-revision']"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary>Begär revidering av genomförandeplanen</summary>
      <form class="case-form" method="post" action="/placements/{../../@id}/request-revision">
        <p class="hint">Efter ett uppföljningsmöte: anordnaren ska lämna in en reviderad plan inom fem arbetsdagar.</p>
        <xsl:call-template name="csrf"/>
        <xsl:call-template name="textarea-field">
          <xsl:with-param name="field" select="'comment'"/>
          <xsl:with-param name="label" select="'Vad ska ändras i planen?'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="case-value">
              <xsl:with-param name="step" select="'request-revision'"/>
              <xsl:with-param name="name" select="'comment'"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <p><button type="submit" class="btn">Begär revidering</button></p>
      </form>
    </details>
  </xsl:template>

  <xsl:template match="may[@name = 'end']" mode="case-form">
    <xsl:variable name="ending">
      <xsl:call-template name="case-value">
        <xsl:with-param name="step" select="'end'"/>
        <xsl:with-param name="name" select="'ending'"/>
      </xsl:call-template>
    </xsl:variable>
    <details class="case-more">
      <xsl:if test="/page/posted[@step = 'end']"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary>Beslut om avslut (avbrottsdokument)</summary>
      <form class="case-form" method="post" action="/placements/{../../@id}/end">
        <xsl:call-template name="csrf"/>
        <fieldset>
          <xsl:call-template name="field-class">
            <xsl:with-param name="field" select="'ending'"/>
            <xsl:with-param name="base" select="'field radios'"/>
          </xsl:call-template>
          <legend>Hur avslutas insatsen?<xsl:call-template name="required"/></legend>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'ending'"/></xsl:call-template>
          <xsl:call-template name="case-ending-radio">
            <xsl:with-param name="v" select="'completed'"/>
            <xsl:with-param name="current" select="$ending"/>
            <xsl:with-param name="first" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="case-ending-radio">
            <xsl:with-param name="v" select="'early'"/>
            <xsl:with-param name="current" select="$ending"/>
          </xsl:call-template>
          <xsl:call-template name="case-ending-radio">
            <xsl:with-param name="v" select="'aborted'"/>
            <xsl:with-param name="current" select="$ending"/>
          </xsl:call-template>
        </fieldset>
        <xsl:call-template name="input-field">
          <xsl:with-param name="field" select="'decided_on'"/>
          <xsl:with-param name="type" select="'date'"/>
          <xsl:with-param name="label" select="'Beslutsdatum'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="case-value">
              <xsl:with-param name="step" select="'end'"/>
              <xsl:with-param name="name" select="'decided_on'"/>
              <xsl:with-param name="stored" select="/page/today"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="input-field">
          <xsl:with-param name="field" select="'end_date'"/>
          <xsl:with-param name="type" select="'date'"/>
          <xsl:with-param name="label" select="'Insatsens sista dag'"/>
          <xsl:with-param name="hint" select="'Från och med dagen efter kan inga månader rapporteras eller betalas.'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="case-value">
              <xsl:with-param name="step" select="'end'"/>
              <xsl:with-param name="name" select="'end_date'"/>
              <xsl:with-param name="stored" select="../@planned-end"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <p><button type="submit" class="btn btn-primary">Spara beslut om avslut</button></p>
      </form>
    </details>
  </xsl:template>

  <xsl:template name="case-ending-radio">
    <xsl:param name="v"/>
    <xsl:param name="current"/>
    <xsl:param name="first" select="false()"/>
    <div class="radio">
      <input type="radio" value="{$v}" id="f-ending-{$v}">
        <xsl:call-template name="field-attrs">
          <xsl:with-param name="field" select="'ending'"/>
          <xsl:with-param name="with-id" select="false()"/>
        </xsl:call-template>
        <xsl:if test="$first">
          <xsl:attribute name="id">f-ending</xsl:attribute>
        </xsl:if>
        <xsl:if test="$current = $v"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <label>
        <xsl:attribute name="for">
          <xsl:choose>
            <xsl:when test="$first">f-ending</xsl:when>
            <xsl:otherwise>f-ending-<xsl:value-of select="$v"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:call-template name="case-ending-label"><xsl:with-param name="e" select="$v"/></xsl:call-template>
      </label>
    </div>
  </xsl:template>

  <xsl:template match="may[@name = 'extend']" mode="case-form">
    <details class="case-more">
      <xsl:if test="/page/posted[@step = 'extend']"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
      <summary>Förläng insatsen en månad</summary>
      <form class="case-form" method="post" action="/placements/{../../@id}/extend">
        <p class="hint">Förlängning efter maxtiden görs i undantagsfall, en månad i taget och högst två gånger, när kunden bedöms kunna nå målet under tiden.</p>
        <xsl:call-template name="csrf"/>
        <xsl:call-template name="textarea-field">
          <xsl:with-param name="field" select="'reason'"/>
          <xsl:with-param name="label" select="'Motivering'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="case-value">
              <xsl:with-param name="step" select="'extend'"/>
              <xsl:with-param name="name" select="'reason'"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <p><button type="submit" class="btn btn-primary">Förläng en månad</button></p>
      </form>
    </details>
  </xsl:template>

</xsl:stylesheet>
