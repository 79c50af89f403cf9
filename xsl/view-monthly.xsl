<?xml version="1.0" encoding="UTF-8"?>
<!-- view-monthly.xsl: the read-only rendering of a månadsrapport
     (<monthly>, schemas/monthly.xsd), used by document.xsl:
       <xsl:apply-templates select="content/*" mode="view"/>
     Also shows the payment basis the worker computed for the month
     (<document><payment days= amount= …/>, xsl/PAGES.md). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="monthly" mode="view">
    <div class="content content-monthly">
      <!-- The title says when the report is ready: "Månadsrapport, mars
           2024, KLAR" (README, Rules: monthly reports). -->
      <xsl:if test="string(../../@title) != ''">
        <p class="doc-title"><span class="status-label">Rubrik: </span><xsl:value-of select="../../@title"/></p>
      </xsl:if>
      <xsl:apply-templates select="../../payment" mode="monthly-payment"/>
      <xsl:call-template name="monthly-view-section">
        <xsl:with-param name="id" select="'progression'"/>
        <xsl:with-param name="title" select="'Progression'"/>
        <xsl:with-param name="s" select="progression"/>
      </xsl:call-template>
      <xsl:call-template name="monthly-view-section">
        <xsl:with-param name="id" select="'adjustments'"/>
        <xsl:with-param name="title" select="'Justeringar'"/>
        <xsl:with-param name="s" select="adjustments"/>
      </xsl:call-template>

      <section aria-labelledby="h-absences">
        <h3 id="h-absences">Frånvaro</h3>
        <xsl:choose>
          <xsl:when test="normalize-space(absences/applicable) = 'no'">
            <p><strong class="not-applicable">Ej aktuellt</strong></p>
          </xsl:when>
          <xsl:when test="absences/absence[normalize-space() != '']">
            <table class="absences">
              <caption class="visually-hidden">Frånvaro under månaden</caption>
              <thead>
                <tr>
                  <th scope="col">Från och med</th>
                  <th scope="col">Till och med</th>
                  <th scope="col">Dagar</th>
                  <th scope="col">Orsak</th>
                  <th scope="col">Intyg</th>
                  <th scope="col">Kommentar</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="absences/absence">
                  <xsl:variable name="days">
                    <xsl:call-template name="monthly-days">
                      <xsl:with-param name="from" select="normalize-space(from)"/>
                      <xsl:with-param name="to" select="normalize-space(to)"/>
                    </xsl:call-template>
                  </xsl:variable>
                  <xsl:variable name="r" select="normalize-space(reason)"/>
                  <tr>
                    <td><xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(from)"/></xsl:call-template></td>
                    <td><xsl:call-template name="date"><xsl:with-param name="d" select="normalize-space(to)"/></xsl:call-template></td>
                    <td><xsl:value-of select="$days"/></td>
                    <td><xsl:call-template name="absence-reason-label"><xsl:with-param name="r" select="$r"/></xsl:call-template></td>
                    <td>
                      <xsl:choose>
                        <xsl:when test="normalize-space(certificate) = 'yes'">Ja</xsl:when>
                        <xsl:otherwise>Nej</xsl:otherwise>
                      </xsl:choose>
                      <xsl:if test="($r = 'sjuk' or $r = 'vab') and number($days) &gt;= 8
                                    and normalize-space(certificate) != 'yes'">
                        <xsl:text> </xsl:text>
                        <strong class="late">Intyg saknas från dag 8</strong>
                      </xsl:if>
                    </td>
                    <td><xsl:if test="normalize-space(note) != ''"><span class="text"><xsl:value-of select="note"/></span></xsl:if></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </xsl:when>
          <xsl:otherwise><p><span class="empty">Ingen frånvaro ifylld</span></p></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="normalize-space(absences/text) != ''">
          <p><span class="text"><xsl:value-of select="absences/text"/></span></p>
        </xsl:if>
      </section>

      <xsl:call-template name="monthly-view-section">
        <xsl:with-param name="id" select="'deviations'"/>
        <xsl:with-param name="title" select="'Avvikelser från planeringen'"/>
        <xsl:with-param name="s" select="deviations"/>
      </xsl:call-template>
      <xsl:call-template name="monthly-view-section">
        <xsl:with-param name="id" select="'otherPlacement'"/>
        <xsl:with-param name="title" select="'Behov av annan insats'"/>
        <xsl:with-param name="s" select="otherPlacement"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- The payment basis of the month (README, Rules: payments). -->
  <xsl:template match="payment" mode="monthly-payment">
    <section aria-labelledby="h-payment" class="payment">
      <h3 id="h-payment">Betalningsunderlag</h3>
      <dl class="facts">
        <div>
          <dt>Insatsdagar i månaden</dt>
          <dd>
            <xsl:value-of select="@days"/> av <xsl:value-of select="@month-days"/>
            <xsl:if test="@whole = '1'"> (hela månaden)</xsl:if>
          </dd>
        </div>
        <div>
          <dt>Belopp</dt>
          <dd>
            <span class="amount"><xsl:value-of select="@amount"/></span>
            <xsl:if test="@whole != '1'">
              <span class="hint"> (checkbelopp <xsl:value-of select="@monthly-amount"/> / 30 × <xsl:value-of select="@days"/> dagar)</span>
            </xsl:if>
          </dd>
        </div>
        <div>
          <dt>Brytdatum</dt>
          <dd>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@cutoff"/></xsl:call-template>
            <xsl:if test="@late = '1'">
              <xsl:text> </xsl:text>
              <strong class="late">Kom in efter brytdatum – betalas ut i
                utbetalningen för <xsl:call-template name="month"><xsl:with-param name="ym" select="@paid-in"/></xsl:call-template></strong>
            </xsl:if>
          </dd>
        </div>
        <xsl:if test="@held">
          <div>
            <dt>Sista månaden</dt>
            <dd><strong class="late">Betalas inte: <xsl:apply-templates select="@held" mode="text"/></strong></dd>
          </div>
        </xsl:if>
      </dl>
    </section>
  </xsl:template>

  <!-- A section: its text, or "Ej aktuellt" with the motivation. -->
  <xsl:template name="monthly-view-section">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="s"/>
    <section aria-labelledby="h-{$id}">
      <h3 id="h-{$id}"><xsl:value-of select="$title"/></h3>
      <xsl:if test="normalize-space($s/applicable) = 'no'">
        <p><strong class="not-applicable">Ej aktuellt</strong></p>
      </xsl:if>
      <p>
        <xsl:call-template name="text-or-empty"><xsl:with-param name="t" select="$s/text"/></xsl:call-template>
      </p>
    </section>
  </xsl:template>

  <!-- Calendar days from $from to $to inclusive (YYYY-MM-DD), or empty. -->
  <xsl:template name="monthly-days">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:variable name="a"><xsl:call-template name="monthly-jdn"><xsl:with-param name="d" select="$from"/></xsl:call-template></xsl:variable>
    <xsl:variable name="b"><xsl:call-template name="monthly-jdn"><xsl:with-param name="d" select="$to"/></xsl:call-template></xsl:variable>
    <xsl:if test="string(number($a)) != 'NaN' and string(number($b)) != 'NaN' and $b &gt;= $a">
      <xsl:value-of select="$b - $a + 1"/>
    </xsl:if>
  </xsl:template>

  <!-- Julian day number of a Gregorian date YYYY-MM-DD. -->
  <xsl:template name="monthly-jdn">
    <xsl:param name="d"/>
    <xsl:variable name="y" select="number(substring($d, 1, 4))"/>
    <xsl:variable name="m" select="number(substring($d, 6, 2))"/>
    <xsl:variable name="day" select="number(substring($d, 9, 2))"/>
    <xsl:variable name="a" select="floor((14 - $m) div 12)"/>
    <xsl:variable name="yy" select="$y + 4800 - $a"/>
    <xsl:variable name="mm" select="$m + 12 * $a - 3"/>
    <xsl:value-of select="$day + floor((153 * $mm + 2) div 5) + 365 * $yy + floor($yy div 4)
                          - floor($yy div 100) + floor($yy div 400) - 32045"/>
  </xsl:template>

</xsl:stylesheet>
