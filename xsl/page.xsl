<?xml version="1.0" encoding="UTF-8"?>
<!--
  page.xsl: the single entry stylesheet of insats. The worker applies it to
  the page XML described in xsl/PAGES.md and sends the result as text/html.

  Structure
    page.xsl        layout (head, header, flash, main, footer) and dispatch
    common.xsl      shared named templates: labels of states, actions, events,
                    kinds, roles, flash messages; dates; customer name or
                    "Skyddad identitet"; placement facts; csrf; field ids,
                    error summary and field errors
    texts.xsl       the words of the codes the worker sends (mode="text")
    start.xsl       view="start"      (per role)
    placement.xsl   view="placement"
    document.xsl    view="document" and view="history"; content via mode="view"
    edit.xsl        view="edit": the form frame; fields via mode="form"
    error.xsl       view="error"
    form-plan.xsl   match="plan" mode="form" and mode="field-label"
    view-plan.xsl   match="plan" mode="view"

  Dispatch: every view file has
      <xsl:template match="page[@view = 'X']" mode="title">   (the <title>)
      <xsl:template match="page[@view = 'X']" mode="main">    (inside <main>)
  and the document kind is dispatched on the root element of the content:
      <xsl:apply-templates select="content/*" mode="form"/>   (edit.xsl)
      <xsl:apply-templates select="content/*" mode="view"/>   (document.xsl)

  HOW TO ADD A DOCUMENT KIND (e.g. "monthly", root element <monthly>):
    1. xsl/form-monthly.xsl: <xsl:template match="monthly" mode="form"> with the
       fields (use the building blocks of edit.xsl: textarea-field, input-field,
       add-button, remove-button, group-attrs; field names = element paths
       with [n] on repeating steps), and <xsl:template match="monthly"
       mode="field-label"> naming the fields for the error summary.
    2. xsl/view-monthly.xsl: <xsl:template match="monthly" mode="view">.
    3. Two include lines below. The label and the "new" buttons come from
       the kind's descriptor (src/domain/kinds.c) through /page/kinds; a
       kind may word its own buttons (mode="new-button", "start-link",
       xsl/PAGES.md "The document kinds").
    Nothing else changes: the frame, the actions, the history are shared.

  Rules: XSLT 1.0 only, no disable-output-escaping, no <script>, no style
  attributes, no event-handler attributes (the CSP forbids them). Every href
  built from data is a relative path built here (/documents/{@id}), never a
  value copied from content.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:include href="common.xsl"/>
  <xsl:include href="texts.xsl"/>
  <xsl:include href="start.xsl"/>
  <xsl:include href="placement.xsl"/>
  <xsl:include href="case.xsl"/>
  <xsl:include href="queue.xsl"/>
  <xsl:include href="start-case.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="edit.xsl"/>
  <xsl:include href="error.xsl"/>
  <xsl:include href="search.xsl"/>
  <xsl:include href="messages.xsl"/>
  <xsl:include href="incidents.xsl"/>
  <!-- document kinds: one form file and one view file each -->
  <xsl:include href="form-plan.xsl"/>
  <xsl:include href="view-plan.xsl"/>
  <xsl:include href="form-monthly.xsl"/>
  <xsl:include href="view-monthly.xsl"/>
  <xsl:include href="form-final.xsl"/>
  <xsl:include href="view-final.xsl"/>

  <xsl:template match="/">
    <xsl:apply-templates select="page"/>
  </xsl:template>

  <xsl:template match="page">
    <html lang="sv">
      <head>
        <!-- The encoding declaration. libxslt's HTML serializer always inserts
             exactly this element (htmlSetMetaEncoding) unless it is present;
             writing <meta charset> as well would give two declarations,
             which HTML does not allow. -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <!-- nginx sends "Referrer-Policy: no-referrer"; under that policy a
             browser sends "Origin: null" with every form POST, which the
             worker's same-origin check must refuse (a sandboxed frame sends
             the same). "same-origin" still gives no other site a Referer,
             and lets the browser name our origin on our own forms. -->
        <meta name="referrer" content="same-origin"/>
        <title>
          <xsl:apply-templates select="." mode="title"/>
          <xsl:text> – insats</xsl:text>
        </title>
        <link rel="stylesheet" href="/static/insats.css"/>
        <link rel="stylesheet" href="/static/print.css" media="print"/>
      </head>
      <body class="view-{@view}">
        <a class="skip-link" href="#main">Hoppa till innehållet</a>
        <header class="site-header">
          <div class="header-inner">
            <p class="product"><a href="/">insats – Kundval arbete och etablering</a></p>
            <!-- One <user> at most (xsl/PAGES.md): its own context. -->
            <xsl:for-each select="user">
              <p class="user">
                <span class="visually-hidden">Inloggad som </span>
                <span class="user-name"><xsl:value-of select="@name"/></span>
                <xsl:if test="string(@role)">
                  <xsl:text>, </xsl:text>
                  <span class="user-role">
                    <xsl:call-template name="role-label"><xsl:with-param name="role" select="@role"/></xsl:call-template>
                  </span>
                </xsl:if>
                <xsl:if test="string(@organisation)">
                  <xsl:text>, </xsl:text>
                  <span class="user-org"><xsl:value-of select="@organisation"/></span>
                </xsl:if>
              </p>
            </xsl:for-each>
          </div>
          <nav class="site-nav" aria-label="Huvudmeny">
            <ul>
              <li>
                <a href="/">
                  <xsl:if test="@view = 'start'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>
                  <xsl:text>Startsida</xsl:text>
                </a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <xsl:apply-templates select="flash"/>
          <xsl:apply-templates select="." mode="main"/>
        </main>
        <footer class="site-footer">
          <p>insats – dokumentflöde för kundval arbete och etablering</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="flash">
    <div role="status">
      <xsl:attribute name="class">
        <xsl:text>flash flash-</xsl:text>
        <xsl:choose>
          <xsl:when test="@kind = 'info'">info</xsl:when>
          <xsl:otherwise>ok</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <p>
        <xsl:call-template name="flash-text"><xsl:with-param name="code" select="normalize-space(.)"/></xsl:call-template>
      </p>
    </div>
  </xsl:template>

  <!-- An unknown view. -->
  <xsl:template match="page" mode="title">Sidan kan inte visas</xsl:template>
  <xsl:template match="page" mode="main">
    <h1>Sidan kan inte visas</h1>
    <p><a href="/">Till startsidan</a></p>
  </xsl:template>

</xsl:stylesheet>
