<?xml version="1.0" encoding="UTF-8"?>
<!-- document.xsl: view="document" (read-only view with the actions) and
     view="history" (heading + history table). The content of the document
     is rendered by the view file of its kind:
       <xsl:apply-templates select="content/*" mode="view"/>
     (view-plan.xsl: match="plan" mode="view"). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:insats:fragment" exclude-result-prefixes="f">

  <!-- "Genomförandeplan, revision 2" -->
  <xsl:template match="document" mode="doc-heading">
    <xsl:call-template name="doc-name"/>
    <xsl:if test="string(@revision) != ''">
      <xsl:text>, revision </xsl:text><xsl:value-of select="@revision"/>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= view="document" -->

  <!-- The priorities only order the tests: libxslt tries the page[@view]
       patterns of a mode one by one, each an XPath evaluation, so the
       commonest views (document, then start) are tried first. -->
  <xsl:template match="page[@view = 'document']" mode="title" priority="3">
    <xsl:apply-templates select="document" mode="doc-heading"/>
  </xsl:template>

  <xsl:template match="page[@view = 'document']" mode="main" priority="3">
    <xsl:apply-templates select="document" mode="document-page"/>
  </xsl:template>

  <xsl:template match="document" mode="document-page">
    <h1><xsl:apply-templates select="." mode="doc-heading"/></h1>

    <!-- The latest return comment, prominently, while the document is
         returned: <return>, not the history, which the view shortens. -->
    <xsl:if test="@state = 'returned'">
      <xsl:for-each select="return">
        <section class="return-comment" aria-labelledby="h-return">
          <h2 id="h-return">Återremitterad – karriärvägledarens kommentar</h2>
          <xsl:choose>
            <xsl:when test="normalize-space(comment) != ''">
              <blockquote><p class="text"><xsl:value-of select="comment"/></p></blockquote>
            </xsl:when>
            <xsl:otherwise><p><span class="empty">Ingen kommentar lämnades.</span></p></xsl:otherwise>
          </xsl:choose>
          <p class="meta">
            <xsl:call-template name="event-actor"/>
            <xsl:text>, </xsl:text>
            <xsl:call-template name="timestamp">
              <xsl:with-param name="at" select="@at"/>
              <xsl:with-param name="local" select="@at-local"/>
            </xsl:call-template>
          </p>
        </section>
      </xsl:for-each>
    </xsl:if>

    <section class="status-box" aria-labelledby="h-status">
      <h2 id="h-status" class="visually-hidden">Status</h2>
      <dl class="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template>
          </dd>
        </div>
        <xsl:if test="string(@due) and @state != 'approved'">
          <div>
            <dt>Ska klarmarkeras senast</dt>
            <dd>
              <xsl:call-template name="due">
                <xsl:with-param name="d" select="@due"/>
                <xsl:with-param name="late" select="@late"/>
              </xsl:call-template>
            </dd>
          </div>
        </xsl:if>
        <xsl:if test="string(@review-due) and @state = 'submitted'">
          <div>
            <dt>Granskas senast</dt>
            <dd>
              <xsl:call-template name="due">
                <xsl:with-param name="d" select="@review-due"/>
                <xsl:with-param name="late" select="@review-late"/>
              </xsl:call-template>
            </dd>
          </div>
        </xsl:if>
        <!-- A monthly report is also approved by the 15th (README, Rules: monthly reports), marked late on its own. -->
        <xsl:if test="string(@approve-due) and (@state = 'submitted' or @state = 'returned')">
          <div>
            <dt>Godkänns senast</dt>
            <dd>
              <xsl:call-template name="due">
                <xsl:with-param name="d" select="@approve-due"/>
                <xsl:with-param name="late" select="@approve-late"/>
              </xsl:call-template>
            </dd>
          </div>
        </xsl:if>
        <div>
          <dt>Revision</dt>
          <dd><xsl:value-of select="@revision"/></dd>
        </div>
        <xsl:if test="string(@updated-local) or string(@updated)">
          <div>
            <dt>Senast ändrad</dt>
            <dd>
              <xsl:call-template name="timestamp">
                <xsl:with-param name="at" select="@updated"/>
                <xsl:with-param name="local" select="@updated-local"/>
              </xsl:call-template>
            </dd>
          </div>
        </xsl:if>
      </dl>
    </section>

    <section class="placement-box" aria-labelledby="h-placement">
      <h2 id="h-placement">Kund och insats</h2>
      <xsl:call-template name="placement-facts"><xsl:with-param name="p" select="placement"/></xsl:call-template>
      <xsl:if test="string(placement/@id)">
        <p class="noprint"><a href="/placements/{placement/@id}">Visa insatsen och alla dokument</a></p>
      </xsl:if>
    </section>

    <xsl:if test="actions/action">
      <xsl:apply-templates select="actions" mode="doc-actions"/>
    </xsl:if>

    <section class="doc-content" aria-labelledby="h-content">
      <h2 id="h-content">Innehåll</h2>
      <xsl:choose>
        <xsl:when test="content/*">
          <xsl:apply-templates select="content/*" mode="view"/>
        </xsl:when>
        <xsl:otherwise><p><span class="empty">Dokumentet har inget innehåll ännu.</span></p></xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:if test="revisions/rev">
      <section class="revisions" aria-labelledby="h-revisions">
        <h2 id="h-revisions">Revisioner</h2>
        <xsl:variable name="this-id" select="string(@id)"/>
        <ul class="revision-list">
          <xsl:for-each select="revisions/rev">
            <xsl:sort select="@revision" data-type="number" order="descending"/>
            <li>
              <xsl:choose>
                <xsl:when test="string(@id) = $this-id">
                  <span aria-current="page">
                    <strong>Revision <xsl:value-of select="@revision"/></strong>
                    <xsl:text> (den här)</xsl:text>
                  </span>
                </xsl:when>
                <xsl:otherwise>
                  <a href="/documents/{@id}">Revision <xsl:value-of select="@revision"/></a>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:text> </xsl:text>
              <xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>

    <section class="history" aria-labelledby="h-history">
      <h2 id="h-history">Historik</h2>
      <!-- Only the latest entries: say so before the table (the older
           ones would stand above it) and link the whole history. -->
      <xsl:for-each select="history/@total">
        <p class="history-more">
          <xsl:text>De </xsl:text>
          <xsl:value-of select="count(../event)"/>
          <xsl:text> senaste händelserna visas. </xsl:text>
          <a href="/documents/{../../@id}/history">Visa hela historiken (<xsl:value-of select="."/> händelser)</a>
        </p>
      </xsl:for-each>
      <xsl:apply-templates select="history" mode="history-table"/>
      <xsl:if test="not(history/event)">
        <p>Inga händelser.</p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The actions the worker allows, and only those. -->
  <xsl:template match="actions" mode="doc-actions">
    <xsl:variable name="id" select="../@id"/>
    <section class="actions" aria-labelledby="h-actions">
      <h2 id="h-actions">Åtgärder</h2>
      <div class="action-row">
        <!-- One test per action, in the worker's order (xsl/PAGES.md), the
             commonest first: a test per action and name was a tenth of a
             document view (README "Performance"). -->
        <xsl:for-each select="action">
          <xsl:choose>
            <xsl:when test="@name = 'history'">
              <a class="btn btn-link" href="/documents/{$id}/history">Historik</a>
            </xsl:when>
            <xsl:when test="@name = 'xml'">
              <a class="btn btn-link" href="/documents/{$id}?format=xml">Visa som XML</a>
            </xsl:when>
            <xsl:when test="@name = 'edit'">
              <a class="btn btn-primary" href="/documents/{$id}/edit">Redigera</a>
            </xsl:when>
            <xsl:when test="@name = 'submit'">
              <form method="post" action="/documents/{$id}/submit" class="inline-form">
                <xsl:call-template name="csrf"/>
                <button type="submit" class="btn btn-primary">Klarmarkera</button>
              </form>
            </xsl:when>
            <xsl:when test="@name = 'approve'">
              <form method="post" action="/documents/{$id}/approve" class="inline-form">
                <xsl:call-template name="csrf"/>
                <button type="submit" class="btn btn-primary">Godkänn</button>
              </form>
            </xsl:when>
            <xsl:when test="@name = 'revise'">
              <form method="post" action="/documents/{$id}/revise" class="inline-form">
                <xsl:call-template name="csrf"/>
                <button type="submit" class="btn btn-secondary">Ny revision</button>
              </form>
            </xsl:when>
          </xsl:choose>
        </xsl:for-each>
      </div>
      <xsl:if test="action[@name = 'return']">
        <form method="post" action="/documents/{$id}/return" class="return-form">
          <xsl:call-template name="csrf"/>
          <div class="field">
            <label for="return-comment">
              <xsl:text>Kommentar till anordnaren</xsl:text>
              <xsl:call-template name="required"/>
              <span class="hint">Skriv vad som behöver kompletteras.</span>
            </label>
            <textarea id="return-comment" name="comment" rows="4" maxlength="4000" required="required"></textarea>
          </div>
          <button type="submit" class="btn btn-warning">Återremittera</button>
        </form>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The history table: när, vem, vad, från → till, kommentar. -->
  <xsl:template match="history" mode="history-table">
    <xsl:if test="event">
      <table class="history-table">
        <caption class="visually-hidden">Händelser i dokumentets historik</caption>
        <thead>
          <tr>
            <th scope="col">När</th>
            <th scope="col">Vem</th>
            <th scope="col">Vad</th>
            <th scope="col">Från → till</th>
            <th scope="col">Kommentar</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="event" f:vars="">
            <xsl:sort select="@at"/>
            <tr>
              <td class="nowrap">
                <xsl:call-template name="timestamp">
                  <xsl:with-param name="at" select="@at"/>
                  <xsl:with-param name="local" select="@at-local"/>
                </xsl:call-template>
              </td>
              <td><xsl:call-template name="event-actor"/></td>
              <td>
                <xsl:call-template name="event-label"><xsl:with-param name="action" select="@action"/></xsl:call-template>
              </td>
              <td>
                <xsl:choose>
                  <xsl:when test="string(@from) and string(@to) and @from != @to">
                    <xsl:call-template name="state-label"><xsl:with-param name="state" select="@from"/></xsl:call-template>
                    <xsl:text> → </xsl:text>
                    <xsl:call-template name="state-label"><xsl:with-param name="state" select="@to"/></xsl:call-template>
                  </xsl:when>
                  <xsl:when test="string(@to)">
                    <xsl:call-template name="state-label"><xsl:with-param name="state" select="@to"/></xsl:call-template>
                  </xsl:when>
                </xsl:choose>
              </td>
              <td>
                <xsl:if test="normalize-space(comment) != ''">
                  <span class="text"><xsl:value-of select="comment"/></span>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="event-actor">
    <xsl:choose>
      <xsl:when test="string(@actor-name) != ''"><xsl:value-of select="@actor-name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@actor"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A kind without a view file. -->
  <xsl:template match="*" mode="view">
    <p class="notice">Det finns ingen visning för den här dokumenttypen. Använd ”Visa som XML”.</p>
  </xsl:template>

  <!-- ======================================================= view="history" -->

  <xsl:template match="page[@view = 'history']" mode="title">
    <xsl:text>Historik – </xsl:text>
    <xsl:apply-templates select="document" mode="doc-heading"/>
  </xsl:template>

  <xsl:template match="page[@view = 'history']" mode="main">
    <xsl:for-each select="document">
      <h1>
        <xsl:text>Historik: </xsl:text>
        <xsl:apply-templates select="." mode="doc-heading"/>
      </h1>
      <xsl:apply-templates select="history" mode="history-table"/>
      <xsl:if test="not(history/event)">
        <p>Inga händelser.</p>
      </xsl:if>
      <p class="back"><a href="/documents/{@id}">Tillbaka till dokumentet</a></p>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
