<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl: named templates shared by every view.
     Every word a person reads comes from here or from the view files; the
     worker only sends codes (states, actions, kinds, roles), and each
     kind's label from its descriptor (/page/kinds, xsl/PAGES.md). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- ============================================================ labels -->

  <xsl:template name="state-label">
    <xsl:param name="state"/>
    <xsl:choose>
      <xsl:when test="$state = 'draft'">Utkast</xsl:when>
      <xsl:when test="$state = 'submitted'">Klarmarkerad</xsl:when>
      <xsl:when test="$state = 'returned'">Återremitterad</xsl:when>
      <xsl:when test="$state = 'approved'">Godkänd</xsl:when>
      <xsl:when test="$state = 'none' or $state = ''">Ej påbörjad</xsl:when>
      <xsl:otherwise><xsl:value-of select="$state"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A state as a badge: colour AND text, never colour alone. One test
       per state, the commonest first, each writing class and label: the
       badge is on every row of the start page, and each XPath test costs
       libxslt about 3 000 instructions (README "Performance"). The labels
       are state-label's. -->
  <xsl:template name="state-badge">
    <xsl:param name="state"/>
    <xsl:choose>
      <xsl:when test="$state = 'approved'"><span class="badge badge-approved">Godkänd</span></xsl:when>
      <xsl:when test="$state = 'submitted'"><span class="badge badge-submitted">Klarmarkerad</span></xsl:when>
      <xsl:when test="$state = 'draft'"><span class="badge badge-draft">Utkast</span></xsl:when>
      <xsl:when test="$state = 'returned'"><span class="badge badge-returned">Återremitterad</span></xsl:when>
      <xsl:otherwise>
        <span class="badge badge-none">
          <xsl:call-template name="state-label"><xsl:with-param name="state" select="$state"/></xsl:call-template>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Labels of the action buttons and links of a document. -->
  <xsl:template name="action-label">
    <xsl:param name="action"/>
    <xsl:choose>
      <xsl:when test="$action = 'submit'">Klarmarkera</xsl:when>
      <xsl:when test="$action = 'return'">Återremittera</xsl:when>
      <xsl:when test="$action = 'approve'">Godkänn</xsl:when>
      <xsl:when test="$action = 'edit'">Redigera</xsl:when>
      <xsl:when test="$action = 'revise'">Ny revision</xsl:when>
      <xsl:when test="$action = 'history'">Historik</xsl:when>
      <xsl:when test="$action = 'xml'">Visa som XML</xsl:when>
      <xsl:otherwise><xsl:value-of select="$action"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Labels of the events of a document's history ("vad"). The commonest
       first: each test costs libxslt as much as a line of the table. -->
  <xsl:template name="event-label">
    <xsl:param name="action"/>
    <xsl:choose>
      <xsl:when test="$action = 'save'">Sparade</xsl:when>
      <xsl:when test="$action = 'submit'">Klarmarkerade</xsl:when>
      <xsl:when test="$action = 'create'">Skapade utkast</xsl:when>
      <xsl:when test="$action = 'return'">Återremitterade</xsl:when>
      <xsl:when test="$action = 'approve'">Godkände</xsl:when>
      <xsl:when test="$action = 'revise'">Påbörjade ny revision</xsl:when>
      <xsl:otherwise><xsl:value-of select="$action"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The label of a kind, from its descriptor (/page/kinds, kinds.h);
       an unknown kind by its name. -->
  <xsl:template name="kind-label">
    <xsl:param name="kind"/>
    <xsl:variable name="k" select="/page/kinds/kind[@name = $kind]"/>
    <xsl:choose>
      <xsl:when test="$k"><xsl:value-of select="$k/@label"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$kind"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Genomförandeplan" / "Månadsrapport, mars 2024": kind plus period
       when there is one. $node is a <doc> or a <document>. -->
  <xsl:template name="doc-name">
    <xsl:param name="node" select="."/>
    <xsl:call-template name="kind-label">
      <xsl:with-param name="kind" select="$node/@kind"/>
    </xsl:call-template>
    <xsl:if test="string($node/@period) != ''">
      <xsl:text>, </xsl:text>
      <xsl:call-template name="month">
        <xsl:with-param name="ym" select="$node/@period"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="role-label">
    <xsl:param name="role"/>
    <xsl:choose>
      <xsl:when test="$role = 'provider'">anordnare</xsl:when>
      <xsl:when test="$role = 'counsellor'">karriärvägledare</xsl:when>
      <xsl:when test="$role = 'archivist'">arkivarie</xsl:when>
      <xsl:when test="$role = 'admin'">administratör</xsl:when>
      <xsl:when test="$role = 'lead'">arbetsledare</xsl:when>
      <xsl:otherwise><xsl:value-of select="$role"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="flash-text">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'saved'">Utkastet är sparat.</xsl:when>
      <xsl:when test="$code = 'submitted'">Dokumentet är klarmarkerat och skickat till karriärvägledaren.</xsl:when>
      <xsl:when test="$code = 'returned'">Dokumentet är återremitterat till anordnaren.</xsl:when>
      <xsl:when test="$code = 'approved'">Dokumentet är godkänt.</xsl:when>
      <xsl:when test="$code = 'revised'">En ny revision är påbörjad.</xsl:when>
      <xsl:when test="$code = 'queued'">Kunden är ställd i kö hos anordnaren. Anordnaren bemannar ärendet senast nästa arbetsdag.</xsl:when>
      <xsl:when test="$code = 'staffed'">Ärendet är bemannat. Karriärvägledaren lägger in uppdraget.</xsl:when>
      <xsl:when test="$code = 'assigned'">Uppdraget och framtidsplanen är inlagda.</xsl:when>
      <xsl:when test="$code = 'meeting'">Uppstartsmötet är registrerat.</xsl:when>
      <xsl:when test="$code = 'revision-requested'">Revidering av genomförandeplanen är begärd.</xsl:when>
      <xsl:when test="$code = 'ended'">Beslutet om avslut är sparat.</xsl:when>
      <xsl:when test="$code = 'extended'">Insatsen är förlängd en månad.</xsl:when>
      <xsl:when test="$code = 'follow-up'">Uppföljningsmötet är bokat.</xsl:when>
      <xsl:when test="$code = 'consent'">Samtycket är registrerat. Den nya anordnaren kan läsa den aktuella genomförandeplanen.</xsl:when>
      <xsl:when test="$code = 'follow-up-outcome'">Utfallet av uppföljningsmötet är sparat.</xsl:when>
      <xsl:otherwise>Klart.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="extent-label">
    <xsl:param name="extent"/>
    <xsl:choose>
      <xsl:when test="$extent = 'fulltime'">Heltid</xsl:when>
      <xsl:when test="$extent = 'parttime'">Deltid</xsl:when>
      <xsl:otherwise><xsl:value-of select="$extent"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- sjuk / vab / annan / ogiltig (monthly report, README, Rules: absences) -->
  <xsl:template name="absence-reason-label">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$r = 'sjuk'">Sjuk</xsl:when>
      <xsl:when test="$r = 'vab'">Vård av barn</xsl:when>
      <xsl:when test="$r = 'annan'">Annan frånvaro</xsl:when>
      <xsl:when test="$r = 'ogiltig'">Ogiltig frånvaro</xsl:when>
      <xsl:otherwise><xsl:value-of select="$r"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Kind of ending of a final report (README, Rules: final report). -->
  <xsl:template name="ending-label">
    <xsl:param name="e"/>
    <xsl:choose>
      <xsl:when test="$e = 'completed'">Fullföljd till beslutat slutdatum</xsl:when>
      <xsl:when test="$e = 'early'">Avslutad i förtid</xsl:when>
      <xsl:when test="$e = 'aborted'">Avbruten</xsl:when>
      <xsl:when test="$e = ''"><span class="empty">Ej ifyllt</span></xsl:when>
      <xsl:otherwise><xsl:value-of select="$e"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Outcome of a final report (README, Rules: final report). -->
  <xsl:template name="outcome-label">
    <xsl:param name="o"/>
    <xsl:choose>
      <xsl:when test="$o = 'work'">Arbete</xsl:when>
      <xsl:when test="$o = 'studies'">Studier</xsl:when>
      <xsl:when test="$o = 'business'">Eget företag</xsl:when>
      <xsl:when test="$o = 'placement'">Annan insats</xsl:when>
      <xsl:when test="$o = 'af-programme'">Program hos Arbetsförmedlingen</xsl:when>
      <xsl:when test="$o = 'other'">Annat</xsl:when>
      <xsl:when test="$o = ''"><span class="empty">Ej ifyllt</span></xsl:when>
      <xsl:otherwise><xsl:value-of select="$o"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="yes-no-label">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v = 'yes'">Ja</xsl:when>
      <xsl:when test="$v = 'no'">Nej</xsl:when>
      <xsl:otherwise><span class="empty">Ej ifyllt</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ dates -->
  <!-- Tests here are written string($x) rather than string($x) != '': the
       same truth, one comparison less for libxslt on every row of a list. -->

  <!-- A date YYYY-MM-DD (shown as is: the Swedish standard form). -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:if test="string($d)">
      <time datetime="{$d}"><xsl:value-of select="$d"/></time>
    </xsl:if>
  </xsl:template>

  <!-- A timestamp: machine value $at (ISO, UTC), shown $local (Stockholm). -->
  <xsl:template name="timestamp">
    <xsl:param name="at"/>
    <xsl:param name="local"/>
    <xsl:choose>
      <xsl:when test="string($at)">
        <time datetime="{$at}">
          <xsl:choose>
            <xsl:when test="string($local)"><xsl:value-of select="$local"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$at"/></xsl:otherwise>
          </xsl:choose>
        </time>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$local"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2024-03" → "mars 2024". -->
  <xsl:template name="month">
    <xsl:param name="ym"/>
    <xsl:variable name="m" select="substring($ym, 6, 2)"/>
    <xsl:choose>
      <xsl:when test="$m = '01'">januari</xsl:when>
      <xsl:when test="$m = '02'">februari</xsl:when>
      <xsl:when test="$m = '03'">mars</xsl:when>
      <xsl:when test="$m = '04'">april</xsl:when>
      <xsl:when test="$m = '05'">maj</xsl:when>
      <xsl:when test="$m = '06'">juni</xsl:when>
      <xsl:when test="$m = '07'">juli</xsl:when>
      <xsl:when test="$m = '08'">augusti</xsl:when>
      <xsl:when test="$m = '09'">september</xsl:when>
      <xsl:when test="$m = '10'">oktober</xsl:when>
      <xsl:when test="$m = '11'">november</xsl:when>
      <xsl:when test="$m = '12'">december</xsl:when>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="string-length($m) = 2">
        <xsl:text> </xsl:text><xsl:value-of select="substring($ym, 1, 4)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$ym"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- '1' when $d is a real calendar date written YYYY-MM-DD, else '0'. -->
  <xsl:template name="is-valid-date">
    <xsl:param name="d"/>
    <xsl:variable name="y" select="number(substring($d, 1, 4))"/>
    <xsl:variable name="m" select="number(substring($d, 6, 2))"/>
    <xsl:variable name="day" select="number(substring($d, 9, 2))"/>
    <xsl:variable name="leap" select="($y mod 4 = 0 and $y mod 100 != 0) or $y mod 400 = 0"/>
    <xsl:variable name="max">
      <xsl:choose>
        <xsl:when test="$m = 2 and $leap">29</xsl:when>
        <xsl:when test="$m = 2">28</xsl:when>
        <xsl:when test="$m = 4 or $m = 6 or $m = 9 or $m = 11">30</xsl:when>
        <xsl:otherwise>31</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string-length($d) = 10
                      and translate($d, '0123456789', '##########') = '####-##-##'
                      and $y &gt;= 1 and $m &gt;= 1 and $m &lt;= 12
                      and $day &gt;= 1 and $day &lt;= number($max)">1</xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A due date with the late marker: "2024-01-24 försenad". -->
  <xsl:template name="due">
    <xsl:param name="d"/>
    <xsl:param name="late" select="'0'"/>
    <!-- The date template's body: a call costs as much as the rest. -->
    <xsl:if test="string($d)">
      <time datetime="{$d}"><xsl:value-of select="$d"/></time>
    </xsl:if>
    <xsl:if test="$late = '1'">
      <xsl:text> </xsl:text>
      <strong class="late">försenad</strong>
    </xsl:if>
  </xsl:template>

  <xsl:template name="period">
    <xsl:param name="start"/>
    <xsl:param name="end"/>
    <xsl:call-template name="date"><xsl:with-param name="d" select="$start"/></xsl:call-template>
    <xsl:text> – </xsl:text>
    <xsl:call-template name="date"><xsl:with-param name="d" select="$end"/></xsl:call-template>
  </xsl:template>

  <!-- ============================================================ people -->

  <!-- The customer's name, or "Skyddad identitet" when the worker left the
       name out (protected identity, or not for this viewer's eyes). The
       reference is always given so the case can be identified. -->
  <xsl:template name="customer-name">
    <xsl:param name="c" select="."/>
    <xsl:choose>
      <xsl:when test="string($c/@name)">
        <xsl:value-of select="$c/@name"/>
      </xsl:when>
      <xsl:otherwise>
        <span class="protected">Skyddad identitet</span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="string($c/@ref)">
      <xsl:text> </xsl:text>
      <span class="ref">(<xsl:value-of select="$c/@ref"/>)</span>
    </xsl:if>
  </xsl:template>

  <!-- "AMI2 – Arbetsträning, …" -->
  <xsl:template name="placement-name">
    <xsl:param name="p" select="."/>
    <xsl:value-of select="$p/@code"/>
    <xsl:if test="string($p/@code-name)">
      <xsl:text> – </xsl:text>
      <xsl:value-of select="$p/@code-name"/>
    </xsl:if>
  </xsl:template>

  <!-- Customer and placement facts as a definition list. -->
  <xsl:template name="placement-facts">
    <xsl:param name="p" select="."/>
    <dl class="facts">
      <div>
        <dt>Kund</dt>
        <dd>
          <xsl:call-template name="customer-name">
            <xsl:with-param name="c" select="$p/customer"/>
          </xsl:call-template>
        </dd>
      </div>
      <xsl:if test="string($p/customer/@pnr)">
        <div>
          <dt>Personnummer</dt>
          <dd><xsl:value-of select="$p/customer/@pnr"/></dd>
        </div>
      </xsl:if>
      <div>
        <dt>Insats</dt>
        <dd>
          <xsl:call-template name="placement-name">
            <xsl:with-param name="p" select="$p"/>
          </xsl:call-template>
        </dd>
      </div>
      <div>
        <dt>Period</dt>
        <dd>
          <xsl:call-template name="period">
            <xsl:with-param name="start" select="$p/@start"/>
            <xsl:with-param name="end" select="$p/@end"/>
          </xsl:call-template>
        </dd>
      </div>
      <xsl:if test="string($p/@provider)">
        <div>
          <dt>Anordnare</dt>
          <dd><xsl:value-of select="$p/@provider"/></dd>
        </div>
      </xsl:if>
      <xsl:if test="$p/counsellor">
        <div>
          <dt>Karriärvägledare</dt>
          <dd>
            <xsl:choose>
              <xsl:when test="string($p/counsellor/@name)">
                <xsl:value-of select="$p/counsellor/@name"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$p/counsellor/@login"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
      </xsl:if>
    </dl>
  </xsl:template>

  <!-- Text that may be empty: the text, or a muted "Ej ifyllt". Line breaks
       are kept by CSS (white-space: pre-line on .text). -->
  <xsl:template name="text-or-empty">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="normalize-space($t)">
        <span class="text"><xsl:value-of select="$t"/></span>
      </xsl:when>
      <xsl:otherwise><span class="empty">Ej ifyllt</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ forms -->

  <!-- The hidden csrf field every POST form carries. -->
  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
  </xsl:template>

  <!-- "activities/activity[2]/how" → "activities-activity-2-" + "-how".
       Field ids are "f-" + this, error message ids "e-" + this. -->
  <xsl:template name="field-key">
    <xsl:param name="field"/>
    <xsl:value-of select="translate($field, '/[]', '---')"/>
  </xsl:template>

  <!-- Attributes for an input: id, name, and when there is an error for the
       field aria-invalid + aria-describedby. Call right after the start tag. -->
  <xsl:template name="field-attrs">
    <xsl:param name="field"/>
    <xsl:param name="with-id" select="true()"/>
    <xsl:variable name="key" select="translate($field, '/[]', '---')"/>
    <xsl:attribute name="name"><xsl:value-of select="$field"/></xsl:attribute>
    <xsl:if test="$with-id">
      <xsl:attribute name="id">f-<xsl:value-of select="$key"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="/page/errors/error[@field = $field]">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
      <xsl:attribute name="aria-describedby">e-<xsl:value-of select="$key"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- The message(s) next to a field, when there is an error for it. -->
  <xsl:template name="field-error">
    <xsl:param name="field"/>
    <xsl:variable name="errs" select="/page/errors/error[@field = $field]"/>
    <xsl:if test="$errs">
      <p class="field-error" id="e-{translate($field, '/[]', '---')}">
        <span class="visually-hidden">Fel: </span>
        <xsl:for-each select="$errs">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:apply-templates select="@code" mode="text"/>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- Class "field" or "field field-invalid" for the wrapper of a field. -->
  <xsl:template name="field-class">
    <xsl:param name="field"/>
    <xsl:param name="base" select="'field'"/>
    <xsl:attribute name="class">
      <xsl:value-of select="$base"/>
      <xsl:if test="/page/errors/error[@field = $field]"> field-invalid</xsl:if>
    </xsl:attribute>
  </xsl:template>

  <!-- The error summary at the top of a form: a link to each field.
       An error without a field (or for the whole form) is listed without
       a link. -->
  <xsl:template name="error-summary">
    <xsl:param name="errors" select="/page/errors/error"/>
    <xsl:if test="$errors">
      <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1"
           id="error-summary">
        <h2 id="error-summary-title">Formuläret innehåller fel</h2>
        <p>
          <xsl:choose>
            <xsl:when test="count($errors) = 1">Rätta felet nedan och spara igen.</xsl:when>
            <xsl:otherwise>Rätta de <xsl:value-of select="count($errors)"/> felen nedan och spara igen.</xsl:otherwise>
          </xsl:choose>
        </p>
        <ul>
          <xsl:for-each select="$errors">
            <li>
              <xsl:choose>
                <xsl:when test="string(@field) != ''">
                  <xsl:variable name="label">
                    <xsl:apply-templates select="/page/document/content/*" mode="field-label">
                      <xsl:with-param name="field" select="string(@field)"/>
                    </xsl:apply-templates>
                  </xsl:variable>
                  <a href="#f-{translate(@field, '/[]', '---')}">
                    <xsl:if test="string($label) != ''">
                      <xsl:value-of select="$label"/><xsl:text>: </xsl:text>
                    </xsl:if>
                    <xsl:apply-templates select="@code" mode="text"/>
                  </a>
                </xsl:when>
                <xsl:otherwise><xsl:apply-templates select="@code" mode="text"/></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- The Swedish name of a field for the error summary ("Delmål 2: …").
       Each form file adds match="KIND" mode="field-label" with param field;
       this fallback says nothing, and the message stands alone. -->
  <xsl:template match="*" mode="field-label"/>

  <!-- The marker of a required field, in words. -->
  <xsl:template name="required">
    <xsl:text> </xsl:text><span class="req">(obligatoriskt)</span>
  </xsl:template>

</xsl:stylesheet>
