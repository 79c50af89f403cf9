<?xml version="1.0" encoding="UTF-8"?>
<!-- start-case.xsl: the case flow on the start pages. "start-steps": the
     open steps of the viewer's placements (<steps>: provider: staffing and
     the start meeting; counsellor: assignments to attach), with the
     counsellor's "Ställ kund i kö" link. "start-near-max": the team lead's
     placements whose max length runs out within a month (<near-max>). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="step-label">
    <xsl:param name="name"/>
    <xsl:choose>
      <xsl:when test="$name = 'staff'">Bemanna ärendet</xsl:when>
      <xsl:when test="$name = 'assign'">Lägg in uppdrag och framtidsplan</xsl:when>
      <xsl:when test="$name = 'start-meeting'">Registrera uppstartsmöte</xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="start-steps">
    <section aria-labelledby="h-steps">
      <h2 id="h-steps">Ärenden att starta</h2>
      <xsl:if test="/page/user/@role = 'counsellor'">
        <p><a class="btn btn-primary" href="/placements/new">Ställ kund i kö hos anordnare</a></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="steps/step">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-steps">
            <table class="list">
              <caption class="visually-hidden">Steg som väntar i nya ärenden</caption>
              <thead>
                <tr>
                  <th scope="col">Kund</th>
                  <th scope="col">Insats</th>
                  <th scope="col">Steg</th>
                  <th scope="col">Senast</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="steps/step">
                  <tr>
                    <th scope="row">
                      <a href="/placements/{placement/@id}">
                        <xsl:call-template name="customer-name"><xsl:with-param name="c" select="placement/customer"/></xsl:call-template>
                      </a>
                    </th>
                    <td><xsl:value-of select="placement/@code"/><xsl:text>, </xsl:text><xsl:value-of select="placement/@provider"/></td>
                    <td><xsl:call-template name="step-label"><xsl:with-param name="name" select="@name"/></xsl:call-template></td>
                    <td class="nowrap">
                      <xsl:call-template name="due">
                        <xsl:with-param name="d" select="@due"/>
                        <xsl:with-param name="late" select="@late"/>
                      </xsl:call-template>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Inga nya ärenden väntar på dig.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="start-near-max">
    <section aria-labelledby="h-near-max">
      <h2 id="h-near-max">Insatser nära maxtiden</h2>
      <p>Förlängning beslutas en månad i taget, högst två gånger, när kunden bedöms kunna nå målet under tiden.</p>
      <xsl:choose>
        <xsl:when test="near-max/placement">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-near-max">
            <table class="list">
              <caption class="visually-hidden">Insatser vars maxtid går ut inom en månad</caption>
              <thead>
                <tr>
                  <th scope="col">Kund</th>
                  <th scope="col">Insats</th>
                  <th scope="col">Anordnare</th>
                  <th scope="col">Maxtid till</th>
                  <th scope="col">Förlängd</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="near-max/placement">
                  <tr>
                    <th scope="row">
                      <a href="/placements/{@id}">
                        <xsl:call-template name="customer-name"><xsl:with-param name="c" select="customer"/></xsl:call-template>
                      </a>
                    </th>
                    <td><xsl:value-of select="@code"/></td>
                    <td><xsl:value-of select="@provider"/></td>
                    <td class="nowrap">
                      <xsl:call-template name="date"><xsl:with-param name="d" select="@max-end"/></xsl:call-template>
                      <xsl:if test="@past-max = '1'"><xsl:text> </xsl:text><strong class="late">passerad</strong></xsl:if>
                    </td>
                    <td><xsl:value-of select="@extensions"/><xsl:text> mån</xsl:text></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Ingen insats når maxtiden den närmaste månaden.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

</xsl:stylesheet>
