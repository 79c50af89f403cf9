<?xml version="1.0" encoding="UTF-8"?>
<!-- view-final.xsl: the read-only rendering of a slutrapport (<final>,
     schemas/final.xsd), used by document.xsl. The worker adds to
     <document> (lateness.h, README, Rules: final report) the ending and end date in force
     (@ending, @end: a recorded ending decision overrides the content), the
     last paid day (@paid-until: the end, for an aborted placement 14 days
     after), @unpaid="1" when it came in (or, not yet submitted, would come
     in) after that, the last day it may come in at all (@submit-until:
     14 days after the end) and @refused="1" once that has passed
     unsubmitted. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="final" mode="view">
    <xsl:variable name="doc" select="../.."/>
    <div class="content content-final">
      <section aria-labelledby="h-ending">
        <h3 id="h-ending">Avslut</h3>
        <dl class="facts">
          <div>
            <dt>Hur insatsen avslutades</dt>
            <dd><xsl:call-template name="ending-label"><xsl:with-param name="e" select="normalize-space(ending)"/></xsl:call-template></dd>
          </div>
          <xsl:if test="normalize-space(decisionDate) != ''">
            <div>
              <dt>Beslut om avslut</dt>
              <dd><xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(decisionDate)"/></xsl:call-template></dd>
            </div>
          </xsl:if>
          <div>
            <dt>Slutdatum</dt>
            <dd>
              <xsl:choose>
                <xsl:when test="normalize-space(endDate) != ''">
                  <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(endDate)"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><span class="empty">Ej ifyllt</span></xsl:otherwise>
              </xsl:choose>
            </dd>
          </div>
          <xsl:if test="string($doc/@end) != '' and $doc/@end != normalize-space(endDate)">
            <div>
              <dt>Slutdatum enligt beslut om avslut</dt>
              <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$doc/@end"/></xsl:call-template></dd>
            </div>
          </xsl:if>
          <xsl:if test="string($doc/@paid-until) != ''">
            <xsl:variable name="sent" select="$doc/@state = 'submitted' or $doc/@state = 'approved' or string($doc/@submitted) != ''"/>
            <div>
              <dt>Ersätts om den klarmarkeras senast</dt>
              <dd>
                <xsl:call-template name="date"><xsl:with-param name="d" select="$doc/@paid-until"/></xsl:call-template>
                <xsl:if test="$doc/@ending = 'aborted'"> (avbruten insats: två veckor efter slutdatumet)</xsl:if>
                <xsl:if test="$doc/@unpaid = '1' and $sent">
                  <xsl:text> </xsl:text>
                  <strong class="late">Kom in efter slutdatumet – ersätts inte</strong>
                </xsl:if>
              </dd>
            </div>
            <div>
              <dt>Kan klarmarkeras senast</dt>
              <dd>
                <xsl:call-template name="date"><xsl:with-param name="d" select="$doc/@submit-until"/></xsl:call-template>
                <xsl:text> (14 dagar efter slutdatumet)</xsl:text>
                <xsl:choose>
                  <xsl:when test="$doc/@refused = '1'">
                    <xsl:text> </xsl:text>
                    <strong class="late">Tiden har gått ut – slutrapporten kan inte längre klarmarkeras</strong>
                  </xsl:when>
                  <xsl:when test="$doc/@unpaid = '1' and not($sent)">
                    <xsl:text> </xsl:text>
                    <strong class="late">Kan klarmarkeras utan ersättning</strong>
                  </xsl:when>
                </xsl:choose>
              </dd>
            </div>
          </xsl:if>
        </dl>
      </section>
      <section aria-labelledby="h-outcome">
        <h3 id="h-outcome">Resultat</h3>
        <dl class="facts">
          <div>
            <dt>Gick vidare till</dt>
            <dd><xsl:call-template name="outcome-label"><xsl:with-param name="o" select="normalize-space(outcome)"/></xsl:call-template></dd>
          </div>
          <div>
            <dt>Självförsörjande</dt>
            <dd><xsl:call-template name="yes-no-label"><xsl:with-param name="v" select="normalize-space(selfSupporting)"/></xsl:call-template></dd>
          </div>
          <div>
            <dt>Målet nått</dt>
            <dd><xsl:call-template name="yes-no-label"><xsl:with-param name="v" select="normalize-space(goalReached)"/></xsl:call-template></dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="h-nextstep">
        <h3 id="h-nextstep">Bedömt lämpligt nästa steg</h3>
        <p><xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="nextStep"/></xsl:call-template></p>
      </section>
      <section aria-labelledby="h-summary-final">
        <h3 id="h-summary-final">Sammanfattning</h3>
        <p><xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="summary"/></xsl:call-template></p>
      </section>
    </div>
  </xsl:template>

</xsl:stylesheet>
