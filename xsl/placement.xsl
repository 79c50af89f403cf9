<?xml version="1.0" encoding="UTF-8"?>
<!-- placement.xsl: view="placement", one insats with its customer,
     counsellor, documents and the "new" actions: one button per action
     new-KIND, by the kind's template mode="new-button" (/page/kinds). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:insats:fragment" exclude-result-prefixes="f">

  <xsl:template match="page[@view = 'placement']" mode="title">
    <xsl:text>Insats </xsl:text>
    <xsl:value-of select="placement/@code"/>
  </xsl:template>

  <!-- The button that starts a document of a kind: "Label" or, with a
       month, "Label för mars 2026". A kind's own file may word its own
       (form-plan.xsl, form-final.xsl), which the low priority lets win. -->
  <xsl:template match="kind" mode="new-button" priority="-1">
    <xsl:param name="pid"/>
    <xsl:param name="period"/>
    <a class="btn" href="/documents/new?placement={$pid}&amp;kind={@name}{substring('&amp;period=', 1, 8 * boolean($period))}{$period}">
      <xsl:value-of select="@label"/>
      <xsl:if test="$period">
        <xsl:text> för </xsl:text>
        <xsl:call-template name="month"><xsl:with-param name="ym" select="$period"/></xsl:call-template>
      </xsl:if>
    </a>
  </xsl:template>

  <xsl:template match="page[@view = 'placement']" mode="main">
    <xsl:for-each select="placement">
      <h1>
        <xsl:text>Insats: </xsl:text>
        <xsl:call-template name="placement-name"/>
      </h1>

      <section class="placement-box" aria-labelledby="h-placement">
        <h2 id="h-placement">Kund och insats</h2>
        <xsl:call-template name="placement-facts"/>
      </section>

      <xsl:if test="protection">
        <xsl:call-template name="protection-box"/>
      </xsl:if>
      <xsl:call-template name="case-section"/>
      <xsl:call-template name="placement-messages-link"/>

      <xsl:if test="actions/action">
        <section class="new-documents" aria-labelledby="h-new">
          <h2 id="h-new">Nytt dokument</h2>
          <ul class="action-list">
            <xsl:variable name="pid" select="@id"/>
            <xsl:for-each select="actions/action[starts-with(@name, 'new-')]">
              <li>
                <xsl:apply-templates select="/page/kinds/kind[@name = substring-after(current()/@name, 'new-')]" mode="new-button">
                  <xsl:with-param name="pid" select="$pid"/>
                  <xsl:with-param name="period" select="string(@period)"/>
                </xsl:apply-templates>
              </li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>

      <section>
        <h2 id="h-documents">Dokument</h2>
        <xsl:choose>
          <xsl:when test="documents/doc">
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-documents">
              <table class="list">
                <caption class="visually-hidden">Insatsens dokument</caption>
                <thead>
                  <tr>
                    <th scope="col">Dokument</th>
                    <th scope="col">Revision</th>
                    <th scope="col">Status</th>
                    <th scope="col">Senast ändrad</th>
                    <th scope="col">Klarmarkeras senast</th>
                    <th scope="col">Granskas senast</th>
                  </tr>
                </thead>
                <tbody>
                  <xsl:for-each select="documents/doc" f:nodes="/page/kinds">
                    <tr>
                      <th scope="row">
                        <a href="/documents/{@id}"><xsl:call-template name="doc-name"/></a>
                      </th>
                      <td><xsl:value-of select="@revision"/></td>
                      <td>
                        <xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template>
                      </td>
                      <td class="nowrap">
                        <xsl:call-template name="timestamp">
                          <xsl:with-param name="at" select="@updated"/>
                          <xsl:with-param name="local" select="@updated-local"/>
                        </xsl:call-template>
                      </td>
                      <td class="nowrap">
                        <xsl:if test="@state = 'draft' or @state = 'returned'">
                          <xsl:call-template name="due">
                            <xsl:with-param name="d" select="@due"/>
                            <xsl:with-param name="late" select="@late"/>
                          </xsl:call-template>
                        </xsl:if>
                      </td>
                      <td class="nowrap">
                        <xsl:if test="@state = 'submitted'">
                          <xsl:call-template name="due">
                            <xsl:with-param name="d" select="@review-due"/>
                            <xsl:with-param name="late" select="@review-late"/>
                          </xsl:call-template>
                        </xsl:if>
                      </td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </div>
          </xsl:when>
          <xsl:otherwise>
            <p class="empty-list">Insatsen har inga dokument ännu.</p>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
