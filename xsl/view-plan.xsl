<?xml version="1.0" encoding="UTF-8"?>
<!-- view-plan.xsl: the read-only rendering of a genomförandeplan
     (<plan>, schemas/plan.xsd), used by document.xsl:
       <xsl:apply-templates select="content/*" mode="view"/>
     Empty elements are shown as "Ej ifyllt" so a draft reads sensibly. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="plan" mode="view">
    <div class="content content-plan">

      <section aria-labelledby="h-goal">
        <h3 id="h-goal">Mål för insatsen</h3>
        <p>
          <xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="goal"/></xsl:call-template>
        </p>
      </section>

      <section aria-labelledby="h-subgoals">
        <h3 id="h-subgoals">Delmål</h3>
        <xsl:choose>
          <xsl:when test="subgoals/subgoal[normalize-space() != '']">
            <ol class="subgoals">
              <xsl:for-each select="subgoals/subgoal">
                <li>
                  <xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="."/></xsl:call-template>
                </li>
              </xsl:for-each>
            </ol>
          </xsl:when>
          <xsl:otherwise><p><span class="empty">Inga delmål ifyllda</span></p></xsl:otherwise>
        </xsl:choose>
      </section>

      <section aria-labelledby="h-activities">
        <h3 id="h-activities">Aktiviteter</h3>
        <xsl:choose>
          <xsl:when test="activities/activity[normalize-space() != '']">
            <table class="activities">
              <caption class="visually-hidden">Aktiviteter: vad, hur och när</caption>
              <thead>
                <tr>
                  <th scope="col">Nr</th>
                  <th scope="col">Vad</th>
                  <th scope="col">Hur</th>
                  <th scope="col">När</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="activities/activity">
                  <tr>
                    <th scope="row"><xsl:value-of select="position()"/></th>
                    <td><xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="what"/></xsl:call-template></td>
                    <td><xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="how"/></xsl:call-template></td>
                    <td><xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="when"/></xsl:call-template></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </xsl:when>
          <xsl:otherwise><p><span class="empty">Inga aktiviteter ifyllda</span></p></xsl:otherwise>
        </xsl:choose>
      </section>

      <section aria-labelledby="h-scope">
        <h3 id="h-scope">Omfattning</h3>
        <dl class="facts">
          <div>
            <dt>Planering</dt>
            <dd>
              <xsl:choose>
                <xsl:when test="normalize-space(scope/extent) != ''">
                  <xsl:call-template name="extent-label">
                    <xsl:with-param name="extent" select="normalize-space(scope/extent)"/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise><span class="empty">Ej ifyllt</span></xsl:otherwise>
              </xsl:choose>
            </dd>
          </div>
          <xsl:if test="normalize-space(scope/extent) = 'parttime' or normalize-space(scope/parttimeReason) != ''">
            <div>
              <dt>Skäl till deltid (enligt karriärvägledaren)</dt>
              <dd>
                <xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="scope/parttimeReason"/></xsl:call-template>
              </dd>
            </div>
          </xsl:if>
        </dl>
      </section>

      <section aria-labelledby="h-followup">
        <h3 id="h-followup">Uppföljning</h3>
        <dl class="facts">
          <div>
            <dt>Datum för uppföljning</dt>
            <dd>
              <xsl:choose>
                <xsl:when test="normalize-space(followUp) != ''">
                  <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(followUp)"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><span class="empty">Ej ifyllt</span></xsl:otherwise>
              </xsl:choose>
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="h-signatures" class="signatures">
        <h3 id="h-signatures">Underskrifter</h3>
        <table class="signatures">
          <caption class="visually-hidden">Underskrifter</caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Undertecknad av</th>
              <th scope="col">Datum</th>
            </tr>
          </thead>
          <tbody>
            <xsl:call-template name="plan-signature-row">
              <xsl:with-param name="who" select="'Kund eller företrädare'"/>
              <xsl:with-param name="s" select="signatures/customer"/>
            </xsl:call-template>
            <xsl:call-template name="plan-signature-row">
              <xsl:with-param name="who" select="'Anordnare'"/>
              <xsl:with-param name="s" select="signatures/provider"/>
            </xsl:call-template>
          </tbody>
        </table>
      </section>
    </div>
  </xsl:template>

  <xsl:template name="plan-signature-row">
    <xsl:param name="who"/>
    <xsl:param name="s"/>
    <tr>
      <th scope="row"><xsl:value-of select="$who"/></th>
      <td><xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="$s/signedBy"/></xsl:call-template></td>
      <td>
        <xsl:choose>
          <xsl:when test="normalize-space($s/date) != ''">
            <xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space($s/date)"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><span class="empty">Ej ifyllt</span></xsl:otherwise>
        </xsl:choose>
      </td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
