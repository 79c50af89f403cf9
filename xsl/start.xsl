<?xml version="1.0" encoding="UTF-8"?>
<!-- start.xsl: view="start", one start page per role (xsl/PAGES.md).
     provider:   <due> (the work queue: what is due, by due date),
                 <placements>
     counsellor: <queue> (documents to review, oldest first),
                 <deficiencies> (per provider), <placements>
     Every list is paged: @page, @next, @prev give "?page=N&sort=S" links;
     @sort ("due" or "-due") orders the lists with due dates, switched by
     the link in their due-date column header (aria-sort on the th).
     provider, counsellor: the search form of search.xsl on top.
     archivist:  <handover>
     admin:      <summary> -->
<!-- f:vars and f:nodes mark a list whose rows each worker renders once per
     input (include/fragment.h; ignored by other XSLT processors). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:f="urn:insats:fragment" exclude-result-prefixes="f">

  <!-- priority: tried second, after the document view (document.xsl). -->
  <xsl:template match="page[@view = 'start']" mode="title" priority="2">Startsida</xsl:template>

  <xsl:template match="page[@view = 'start']" mode="main" priority="2">
    <h1>Startsida</h1>
    <xsl:call-template name="start-issue13"/>
    <xsl:choose>
      <xsl:when test="user/@role = 'provider'">
        <xsl:call-template name="search-form"/>
        <xsl:call-template name="start-steps"/>
        <xsl:call-template name="start-due"/>
        <xsl:call-template name="start-placements">
          <xsl:with-param name="title" select="'Mina kunder och insatser'"/>
          <xsl:with-param name="show-provider" select="false()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="user/@role = 'counsellor'">
        <xsl:call-template name="search-form"/>
        <xsl:call-template name="start-steps"/>
        <xsl:call-template name="start-queue"/>
        <xsl:call-template name="start-deficiencies"/>
        <xsl:call-template name="payments-form"/>
        <xsl:call-template name="start-placements">
          <xsl:with-param name="title" select="'Mina kunder'"/>
          <xsl:with-param name="show-provider" select="true()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="user/@role = 'lead'">
        <xsl:call-template name="start-near-max"/>
      </xsl:when>
      <xsl:when test="user/@role = 'archivist'">
        <xsl:call-template name="start-handover"/>
      </xsl:when>
      <xsl:when test="user/@role = 'admin'">
        <xsl:call-template name="start-summary"/>
        <xsl:call-template name="payments-form"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- unknown role: show whatever lists the worker sent -->
        <xsl:if test="queue"><xsl:call-template name="start-queue"/></xsl:if>
        <xsl:if test="placements">
          <xsl:call-template name="start-placements">
            <xsl:with-param name="title" select="'Kunder och insatser'"/>
            <xsl:with-param name="show-provider" select="true()"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="handover"><xsl:call-template name="start-handover"/></xsl:if>
        <xsl:if test="summary"><xsl:call-template name="start-summary"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ======================================== placements (provider, counsellor) -->
  <xsl:template name="start-placements">
    <xsl:param name="title"/>
    <xsl:param name="show-provider" select="false()"/>
    <section>
      <h2 id="h-placements"><xsl:value-of select="$title"/></h2>
      <xsl:choose>
        <xsl:when test="placements/placement">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-placements">
            <table class="list">
              <caption class="visually-hidden"><xsl:value-of select="$title"/></caption>
              <thead>
                <tr>
                  <th scope="col">Kund</th>
                  <th scope="col">Insats</th>
                  <xsl:if test="$show-provider"><th scope="col">Anordnare</th></xsl:if>
                  <th scope="col">Period</th>
                  <th scope="col">Genomförandeplan</th>
                  <th scope="col">Klarmarkeras senast</th>
                </tr>
              </thead>
              <tbody>
                <xsl:variable name="provider-view" select="/page/user/@role = 'provider'"/>
                <xsl:for-each select="placements/placement" f:vars="show-provider provider-view">
                  <!-- "Name (K-5)", or "Skyddad identitet (K-5)" without a name:
                       one XPath string instead of a result tree fragment -->
                  <xsl:variable name="who" select="concat(customer/@name,
                      substring('Skyddad identitet', 1, 17 * not(string(customer/@name))),
                      ' (', customer/@ref, ')')"/>
                  <tr>
                    <th scope="row">
                      <a href="/placements/{@id}">
                        <xsl:choose>
                          <xsl:when test="string(customer/@name) != ''"><xsl:value-of select="customer/@name"/></xsl:when>
                          <xsl:otherwise><span class="protected">Skyddad identitet</span></xsl:otherwise>
                        </xsl:choose>
                      </a>
                      <xsl:if test="string(customer/@ref) != ''">
                        <xsl:text> </xsl:text><span class="ref">(<xsl:value-of select="customer/@ref"/>)</span>
                      </xsl:if>
                    </th>
                    <td>
                      <span class="code"><xsl:value-of select="@code"/></span>
                      <xsl:if test="string(@code-name) != ''">
                        <span class="code-name"><xsl:value-of select="@code-name"/></span>
                      </xsl:if>
                    </td>
                    <xsl:if test="$show-provider"><td><xsl:value-of select="@provider"/></td></xsl:if>
                    <!-- The bodies of the date and due templates (common.xsl):
                         on every row, their calls with parameters cost a tenth
                         of the row (README "Performance"). -->
                    <td>
                      <span class="nowrap"><xsl:if test="string(@start)"><time datetime="{@start}"><xsl:value-of select="@start"/></time></xsl:if> –</span>
                      <xsl:text> </xsl:text>
                      <span class="nowrap"><xsl:if test="string(@end)"><time datetime="{@end}"><xsl:value-of select="@end"/></time></xsl:if></span>
                    </td>
                    <td>
                      <!-- plan/@state, else 'none': one XPath string, not a
                           result tree fragment compared in every test -->
                      <xsl:call-template name="state-badge">
                        <xsl:with-param name="state" select="concat(plan/@state, substring('none', 1, 4 * not(plan/@state)))"/>
                      </xsl:call-template>
                      <xsl:if test="string(plan/@revision) != '' and string(plan/@document) != ''">
                        <span class="muted"> rev. <xsl:value-of select="plan/@revision"/></span>
                      </xsl:if>
                      <br/>
                      <xsl:choose>
                        <xsl:when test="string(plan/@document) != ''">
                          <a href="/documents/{plan/@document}">Visa planen<span class="visually-hidden">
                            <xsl:text> för </xsl:text><xsl:value-of select="$who"/></span></a>
                        </xsl:when>
                        <xsl:when test="$provider-view">
                          <a href="/documents/new?placement={@id}&amp;kind=plan">Påbörja planen<span class="visually-hidden">
                            <xsl:text> för </xsl:text><xsl:value-of select="$who"/></span></a>
                        </xsl:when>
                      </xsl:choose>
                    </td>
                    <td class="nowrap">
                      <xsl:for-each select="plan[@state != 'approved']">
                        <xsl:if test="string(@due)"><time datetime="{@due}"><xsl:value-of select="@due"/></time></xsl:if>
                        <xsl:if test="@late = '1'"><xsl:text> </xsl:text><strong class="late">försenad</strong></xsl:if>
                      </xsl:for-each>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:when test="placements/@page &gt; 1">
          <xsl:apply-templates select="placements" mode="past-end"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Du har inga kunder med pågående insatser.</p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="placements" mode="pager">
        <xsl:with-param name="label" select="$title"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- ======================================== queue (counsellor) -->
  <xsl:template name="start-queue">
    <section>
      <h2 id="h-queue">Att granska</h2>
      <xsl:choose>
        <xsl:when test="queue/doc">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-queue">
            <table class="list">
              <caption class="visually-hidden">
                <xsl:text>Dokument som väntar på granskning, </xsl:text>
                <xsl:choose>
                  <xsl:when test="queue/@sort = '-due'">senaste granskningsdag först</xsl:when>
                  <xsl:otherwise>äldst först</xsl:otherwise>
                </xsl:choose>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Dokument</th>
                  <th scope="col">Kund</th>
                  <th scope="col">Insats</th>
                  <th scope="col">Anordnare</th>
                  <th scope="col">Status</th>
                  <xsl:apply-templates select="queue" mode="sort-header">
                    <xsl:with-param name="label" select="'Granskas senast'"/>
                  </xsl:apply-templates>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="queue/doc" f:nodes="/page/kinds">
                  <tr>
                    <th scope="row">
                      <a href="/documents/{@id}">
                        <xsl:call-template name="doc-name"/>
                        <xsl:if test="string(@revision) != ''">, revision <xsl:value-of select="@revision"/></xsl:if>
                      </a>
                    </th>
                    <td>
                      <xsl:call-template name="customer-name"><xsl:with-param name="c" select="placement/customer"/></xsl:call-template>
                    </td>
                    <td>
                      <span class="code"><xsl:value-of select="placement/@code"/></span>
                      <xsl:if test="string(placement/@code-name) != ''">
                        <span class="code-name"><xsl:value-of select="placement/@code-name"/></span>
                      </xsl:if>
                    </td>
                    <td><xsl:value-of select="placement/@provider"/></td>
                    <td>
                      <xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template>
                    </td>
                    <td class="nowrap">
                      <xsl:call-template name="due">
                        <xsl:with-param name="d" select="@review-due"/>
                        <xsl:with-param name="late" select="@review-late"/>
                      </xsl:call-template>
                      <xsl:if test="string(@approve-due) != ''">
                        <br/>
                        <span class="muted">godkänns senast </span>
                        <xsl:call-template name="due">
                          <xsl:with-param name="d" select="@approve-due"/>
                          <xsl:with-param name="late" select="@approve-late"/>
                        </xsl:call-template>
                      </xsl:if>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:when test="queue/@page &gt; 1">
          <xsl:apply-templates select="queue" mode="past-end"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Inga dokument väntar på granskning.</p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="queue" mode="pager">
        <xsl:with-param name="label" select="'Att granska'"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- ======================================== paging and sorting of a list -->
  <!-- "?page=N&sort=S": both carried by every link, so paging keeps the
       order and sorting keeps the page. -->
  <xsl:template name="list-href">
    <xsl:param name="page"/>
    <xsl:param name="sort"/>
    <xsl:text>/?page=</xsl:text><xsl:value-of select="$page"/>
    <xsl:text>&amp;sort=</xsl:text>
    <xsl:choose>
      <xsl:when test="string($sort) != ''"><xsl:value-of select="$sort"/></xsl:when>
      <xsl:otherwise>due</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="pager">
    <xsl:param name="label"/>
    <xsl:if test="string(@prev) != '' or string(@next) != ''">
      <nav class="pager">
        <xsl:attribute name="aria-label">Sidor: <xsl:value-of select="$label"/></xsl:attribute>
        <xsl:if test="string(@prev) != ''">
          <a rel="prev" aria-label="Föregående sida: {$label}">
            <xsl:attribute name="href">
              <xsl:call-template name="list-href">
                <xsl:with-param name="page" select="@prev"/>
                <xsl:with-param name="sort" select="@sort"/>
              </xsl:call-template>
            </xsl:attribute>
            <xsl:text>Föregående sida</xsl:text>
          </a>
          <xsl:text> </xsl:text>
        </xsl:if>
        <span>Sida <xsl:value-of select="@page"/></span>
        <xsl:if test="string(@next) != ''">
          <xsl:text> </xsl:text>
          <a rel="next" aria-label="Nästa sida: {$label}">
            <xsl:attribute name="href">
              <xsl:call-template name="list-href">
                <xsl:with-param name="page" select="@next"/>
                <xsl:with-param name="sort" select="@sort"/>
              </xsl:call-template>
            </xsl:attribute>
            <xsl:text>Nästa sida</xsl:text>
          </a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- A page past the end of a list: empty, with the way back. -->
  <xsl:template match="*" mode="past-end">
    <p class="empty-list">
      <xsl:text>Sidan </xsl:text><xsl:value-of select="@page"/>
      <xsl:text> är tom: listan har inte så många sidor. </xsl:text>
      <a>
        <xsl:attribute name="href">
          <xsl:call-template name="list-href">
            <xsl:with-param name="page" select="1"/>
            <xsl:with-param name="sort" select="@sort"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:text>Gå till första sidan</xsl:text>
      </a>
    </p>
  </xsl:template>

  <!-- The due-date column header of a sorted list: aria-sort tells the
       order, the link switches it (on the same page). -->
  <xsl:template match="*" mode="sort-header">
    <xsl:param name="label"/>
    <xsl:variable name="desc" select="@sort = '-due'"/>
    <th scope="col">
      <xsl:attribute name="aria-sort">
        <xsl:choose>
          <xsl:when test="$desc">descending</xsl:when>
          <xsl:otherwise>ascending</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <a class="sort-link">
        <xsl:attribute name="href">
          <xsl:call-template name="list-href">
            <xsl:with-param name="page" select="@page"/>
            <xsl:with-param name="sort">
              <xsl:choose>
                <xsl:when test="$desc">due</xsl:when>
                <xsl:otherwise>-due</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:value-of select="$label"/>
        <xsl:choose>
          <xsl:when test="$desc">
            <span aria-hidden="true"> ▼</span>
            <span class="visually-hidden"> (senaste först; sortera med tidigaste först)</span>
          </xsl:when>
          <xsl:otherwise>
            <span aria-hidden="true"> ▲</span>
            <span class="visually-hidden"> (tidigaste först; sortera med senaste först)</span>
          </xsl:otherwise>
        </xsl:choose>
      </a>
    </th>
  </xsl:template>

  <!-- ======================================== work queue (provider) -->
  <!-- The link that starts a document due and not begun; a kind's own
       file may word its own (form-plan.xsl), which the low priority lets
       win. -->
  <xsl:template match="kind" mode="start-link" priority="-1">Påbörja rapporten</xsl:template>

  <xsl:template name="start-due">
    <section>
      <h2 id="h-due">Att göra</h2>
      <xsl:choose>
        <xsl:when test="due/item">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-due">
            <table class="list">
              <caption class="visually-hidden">
                <xsl:text>Dokument som ska klarmarkeras, efter sista dag, </xsl:text>
                <xsl:choose>
                  <xsl:when test="due/@sort = '-due'">senaste först</xsl:when>
                  <xsl:otherwise>tidigaste först</xsl:otherwise>
                </xsl:choose>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Dokument</th>
                  <th scope="col">Kund</th>
                  <th scope="col">Insats</th>
                  <th scope="col">Period</th>
                  <th scope="col">Status</th>
                  <xsl:apply-templates select="due" mode="sort-header">
                    <xsl:with-param name="label" select="'Klarmarkeras senast'"/>
                  </xsl:apply-templates>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="due/item" f:nodes="/page/kinds">
                  <xsl:variable name="name"><xsl:call-template name="doc-name"/><xsl:if test="string(@revision) != ''">, revision <xsl:value-of select="@revision"/></xsl:if></xsl:variable>
                  <tr>
                    <th scope="row">
                      <xsl:choose>
                        <xsl:when test="string(@document) != ''">
                          <a href="/documents/{@document}"><xsl:value-of select="$name"/></a>
                        </xsl:when>
                        <xsl:otherwise>
                          <xsl:value-of select="$name"/>
                          <br/>
                          <a>
                            <xsl:attribute name="href">
                              <xsl:text>/documents/new?placement=</xsl:text><xsl:value-of select="placement/@id"/>
                              <xsl:text>&amp;kind=</xsl:text><xsl:value-of select="@kind"/>
                              <xsl:if test="string(@period) != ''">&amp;period=<xsl:value-of select="@period"/></xsl:if>
                            </xsl:attribute>
                            <xsl:apply-templates select="/page/kinds/kind[@name = current()/@kind]" mode="start-link"/>
                          </a>
                        </xsl:otherwise>
                      </xsl:choose>
                    </th>
                    <td>
                      <xsl:call-template name="customer-name"><xsl:with-param name="c" select="placement/customer"/></xsl:call-template>
                    </td>
                    <td><span class="code"><xsl:value-of select="placement/@code"/></span></td>
                    <td>
                      <span class="nowrap"><xsl:call-template name="date"><xsl:with-param name="d" select="placement/@start"/></xsl:call-template> –</span>
                      <xsl:text> </xsl:text>
                      <span class="nowrap"><xsl:call-template name="date"><xsl:with-param name="d" select="placement/@end"/></xsl:call-template></span>
                    </td>
                    <td>
                      <xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template>
                    </td>
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
        <xsl:when test="due/@page &gt; 1 and not(placements/placement)">
          <xsl:apply-templates select="due" mode="past-end"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Inget att klarmarkera just nu.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ======================================== deficiencies (counsellor) -->
  <xsl:template name="start-deficiencies">
    <section>
      <h2 id="h-deficiencies">Brister hos anordnare</h2>
      <xsl:choose>
        <xsl:when test="deficiencies/provider">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-deficiencies">
            <table class="list">
              <caption class="visually-hidden">Brister i rapporteringen per anordnare, bland dina kunders insatser</caption>
              <thead>
                <tr>
                  <th scope="col">Anordnare</th>
                  <th scope="col">Försenade mer än en månad</th>
                  <th scope="col">Försenade rapporter</th>
                  <th scope="col">Återremitterade två gånger eller fler</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="deficiencies/provider" f:vars="">
                  <tr>
                    <th scope="row"><xsl:value-of select="@name"/></th>
                    <td>
                      <xsl:value-of select="@very-late"/>
                      <xsl:if test="@very-late &gt; 0"> <strong class="late"> Försenad mer än en månad</strong></xsl:if>
                    </td>
                    <td>
                      <xsl:value-of select="@late"/>
                      <xsl:if test="@late &gt;= 2"> <strong class="late"> Upprepade förseningar</strong></xsl:if>
                    </td>
                    <td>
                      <xsl:value-of select="@returned"/>
                      <xsl:if test="@returned &gt; 0"> <strong class="late"> Upprepade återremitteringar</strong></xsl:if>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <xsl:if test="deficiencies/@more = '1'">
            <p class="muted">Fler anordnare har brister. De första <xsl:value-of select="count(deficiencies/provider)"/> i bokstavsordning visas.</p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Inga brister i rapporteringen.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ======================================== hand-over (archivist) -->
  <!-- <handover notice="archive-confirmed|archive-none"> of <customer id ref
       protected name pnr last-entry destroy-by pending/> (name and pnr absent
       for a protected identity), then <packages> of <package id objid created
       created-local created-by customers documents files confirmed
       confirmed-local confirmed-by/> (src/handlers_archive.c). -->
  <xsl:template name="start-handover">
    <xsl:if test="handover/@notice">
      <p class="flash flash-ok" role="status">
        <xsl:choose>
          <xsl:when test="handover/@notice = 'archive-confirmed'">Mottagandet är kvitterat. Kundernas handlingar gallras ur verksamhetssystemet vid nästa gallring.</xsl:when>
          <xsl:otherwise>Det finns inga kunder att överlämna.</xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <section>
      <h2 id="h-handover">Att överlämna till arkivet</h2>
      <p>Kunder i forskningsurvalet (födda den 5:e, 15:e eller 25:e) vars två år efter sista anteckningen har gått. Deras handlingar gallras inte utan lämnas över till kommunarkivet.</p>
      <xsl:choose>
        <xsl:when test="handover/customer">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-handover">
            <table class="list">
              <caption class="visually-hidden">Kunder vars handlingar ska överlämnas till kommunarkivet</caption>
              <thead>
                <tr>
                  <th scope="col">Kund</th>
                  <th scope="col">Personnummer</th>
                  <th scope="col">Referens</th>
                  <th scope="col">Sista anteckning</th>
                  <th scope="col">Överlämnas senast</th>
                  <th scope="col">Paket</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="handover/customer">
                  <tr>
                    <th scope="row">
                      <xsl:choose>
                        <xsl:when test="string(@name) != ''"><xsl:value-of select="@name"/></xsl:when>
                        <xsl:otherwise><span class="protected">Skyddad identitet</span></xsl:otherwise>
                      </xsl:choose>
                    </th>
                    <td class="nowrap"><xsl:value-of select="@pnr"/></td>
                    <td><xsl:value-of select="@ref"/></td>
                    <td class="nowrap"><xsl:call-template name="date"><xsl:with-param name="d" select="@last-entry"/></xsl:call-template></td>
                    <td class="nowrap"><xsl:call-template name="date"><xsl:with-param name="d" select="@destroy-by"/></xsl:call-template></td>
                    <td>
                      <xsl:choose>
                        <xsl:when test="string(@pending) != ''">Exporterad i <span class="code"><xsl:value-of select="@pending"/></span>, väntar på kvittens</xsl:when>
                        <xsl:otherwise>Ej exporterad</xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <form method="post" action="/archive/packages">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <p>Exporten skapar ett leveranspaket enligt E-ARK SIP 2.1 (FGS Paketstruktur 2.0) med alla kunder ovan och laddas ned som en tar-fil.</p>
            <button type="submit">Exportera leveranspaket</button>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Inga kunder att överlämna.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
    <section>
      <h2 id="h-packages">Leveranspaket</h2>
      <xsl:choose>
        <xsl:when test="packages/package">
          <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-packages">
            <table class="list">
              <caption class="visually-hidden">Exporterade leveranspaket, senaste först</caption>
              <thead>
                <tr>
                  <th scope="col">Paket</th>
                  <th scope="col">Skapat</th>
                  <th scope="col">Kunder</th>
                  <th scope="col">Dokument</th>
                  <th scope="col">Mottagande</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="packages/package">
                  <tr>
                    <th scope="row"><span class="code"><xsl:value-of select="@objid"/></span></th>
                    <td class="nowrap">
                      <xsl:call-template name="timestamp">
                        <xsl:with-param name="at" select="@created"/>
                        <xsl:with-param name="local" select="@created-local"/>
                      </xsl:call-template>
                    </td>
                    <td><xsl:value-of select="@customers"/></td>
                    <td><xsl:value-of select="@documents"/></td>
                    <td>
                      <xsl:choose>
                        <xsl:when test="string(@confirmed) != ''">
                          <xsl:text>Kvitterat </xsl:text>
                          <xsl:call-template name="timestamp">
                            <xsl:with-param name="at" select="@confirmed"/>
                            <xsl:with-param name="local" select="@confirmed-local"/>
                          </xsl:call-template>
                        </xsl:when>
                        <xsl:otherwise>
                          <form method="post" action="/archive/packages/{@id}/confirm">
                            <input type="hidden" name="csrf" value="{/page/csrf}"/>
                            <button type="submit">Kvittera mottagandet<span class="visually-hidden"> av <xsl:value-of select="@objid"/></span></button>
                          </form>
                        </xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty-list">Inga paket har exporterats.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ======================================== summary (admin) -->
  <xsl:template name="start-summary">
    <section aria-labelledby="h-summary">
      <h2 id="h-summary">Översikt</h2>
      <dl class="summary">
        <div><dt>Användare</dt><dd><xsl:value-of select="summary/@users"/></dd></div>
        <div><dt>Kunder</dt><dd><xsl:value-of select="summary/@customers"/></dd></div>
        <div><dt>Insatser</dt><dd><xsl:value-of select="summary/@placements"/></dd></div>
        <div><dt>Dokument</dt><dd><xsl:value-of select="summary/@documents"/></dd></div>
      </dl>
    </section>
  </xsl:template>

  <!-- ======================================== payment basis (counsellor, admin) -->
  <!-- GET /payments?month=YYYY-MM answers a CSV; the month proposed is the
       previous one, whose reports are approved by the 15th. -->
  <xsl:template name="payments-form">
    <xsl:variable name="y" select="number(substring(/page/today, 1, 4))"/>
    <xsl:variable name="m" select="number(substring(/page/today, 6, 2))"/>
    <xsl:variable name="prev">
      <xsl:choose>
        <xsl:when test="$m = 1"><xsl:value-of select="concat($y - 1, '-12')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($y, '-', format-number($m - 1, '00'))"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="payments" aria-labelledby="h-payments">
      <h2 id="h-payments">Betalningsunderlag</h2>
      <form method="get" action="/payments" class="payments-form">
        <label for="f-payments-month">Månad (ÅÅÅÅ-MM)</label>
        <input type="month" id="f-payments-month" name="month" value="{$prev}" required="required"/>
        <button type="submit" class="btn">Hämta CSV</button>
      </form>
      <p class="hint">Godkända månadsrapporter för månaden, en rad per rapport, som CSV-fil.</p>
    </section>
  </xsl:template>

</xsl:stylesheet>
