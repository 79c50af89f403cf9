<?xml version="1.0" encoding="UTF-8"?>
<!-- view-final.xsl: the read-only rendering of a slutrapport (<final>,
     schemas/final.xsd), used by document.xsl. The worker adds to
     <document> the last paid day (@paid-until) and @unpaid="1" when the
     report came in more than 14 days after the end (002 §12.1.3). -->
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
          <xsl:if test="string($doc/@paid-until) != ''">
            <div>
              <dt>Ersätts om den kommer in senast</dt>
              <dd>
                <xsl:call-template name="date"><xsl:with-param name="d" select="$doc/@paid-until"/></xsl:call-template>
                <xsl:if test="$doc/@unpaid = '1'">
                  <xsl:text> </xsl:text>
                  <strong class="late">Kom in mer än 14 dagar efter slutdatumet – ersätts inte</strong>
                </xsl:if>
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
