<?xml version="1.0" encoding="UTF-8"?>
<!-- incidents.xsl: personal-data incidents (README, Rules: incidents).
     view="incident-new": the provider's report form (<incident-form> with
     the organisation's <placements> and, after a refusal, <field name>).
     view="incident": one report (<incident>).
     start-incidents: the start page's list (<incidents>). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- The 72-hour line and whether the report met it. -->
  <xsl:template name="incident-line">
    <xsl:param name="i" select="."/>
    <xsl:call-template name="timestamp">
      <xsl:with-param name="at" select="$i/@deadline"/>
      <xsl:with-param name="local" select="$i/@deadline-local"/>
    </xsl:call-template>
    <xsl:choose>
      <xsl:when test="$i/@late = '1'"><xsl:text> </xsl:text><strong class="late">rapporterad efter 72 timmar</strong></xsl:when>
      <xsl:otherwise><xsl:text> (rapporterad inom 72 timmar)</xsl:text></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@view = 'incident-new']" mode="title">Rapportera personuppgiftsincident</xsl:template>

  <xsl:template match="page[@view = 'incident-new']" mode="main">
    <xsl:variable name="f" select="incident-form"/>
    <h1>Rapportera personuppgiftsincident</h1>
    <p>En personuppgiftsincident som har inträffat eller befaras ha inträffat ska rapporteras till karriärvägledaren inom 72 timmar från upptäckten. Skriv inte kundernas namn eller personnummer i texten: välj kunderna i listan.</p>
    <xsl:call-template name="error-summary"/>
    <form method="post" action="/incidents" class="incident-form">
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="textarea-field">
        <xsl:with-param name="field" select="'what'"/>
        <xsl:with-param name="label" select="'Vad har hänt?'"/>
        <xsl:with-param name="rows" select="6"/>
        <xsl:with-param name="value" select="$f/field[@name = 'what']"/>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'discovered_on'"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="label" select="'Upptäcktes datum'"/>
        <xsl:with-param name="value">
          <xsl:choose>
            <xsl:when test="$f/field[@name = 'discovered_on']"><xsl:value-of select="$f/field[@name = 'discovered_on']"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="/page/today"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="input-field">
        <xsl:with-param name="field" select="'discovered_time'"/>
        <xsl:with-param name="type" select="'time'"/>
        <xsl:with-param name="label" select="'Upptäcktes klockan'"/>
        <xsl:with-param name="hint" select="'TT:MM'"/>
        <xsl:with-param name="value" select="$f/field[@name = 'discovered_time']"/>
      </xsl:call-template>
      <fieldset>
        <xsl:call-template name="field-class">
          <xsl:with-param name="field" select="'placement'"/>
          <xsl:with-param name="base" select="'group'"/>
        </xsl:call-template>
        <legend>Vilka kunder gäller det?</legend>
        <p class="hint">Välj de kunder det gäller om ni vet det. Väljer ni ingen går rapporten till karriärvägledarna för alla era kunder.</p>
        <xsl:call-template name="field-error"><xsl:with-param name="field" select="'placement'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$f/placements/placement">
            <xsl:for-each select="$f/placements/placement">
              <xsl:variable name="id" select="string(@id)"/>
              <div class="choice">
                <input type="checkbox" name="placement" id="f-placement-{@id}" value="{@id}">
                  <xsl:if test="$f/field[@name = 'placement'][. = $id]"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                </input>
                <xsl:text> </xsl:text>
                <label for="f-placement-{@id}">
                  <xsl:call-template name="customer-name"><xsl:with-param name="c" select="customer"/></xsl:call-template>
                  <xsl:text>, </xsl:text>
                  <xsl:value-of select="@code"/>
                  <xsl:text> från </xsl:text>
                  <xsl:value-of select="@start"/>
                </label>
              </div>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise><p class="empty-list">Ni har inga insatser.</p></xsl:otherwise>
        </xsl:choose>
      </fieldset>
      <p><button type="submit" class="btn btn-primary">Skicka rapporten</button></p>
    </form>
  </xsl:template>

  <xsl:template match="page[@view = 'incident']" mode="title">Personuppgiftsincident</xsl:template>

  <xsl:template match="page[@view = 'incident']" mode="main">
    <xsl:for-each select="incident">
      <h1>Personuppgiftsincident PI-<xsl:value-of select="@id"/></h1>
      <xsl:if test="@just-reported = '1'">
        <div role="status" class="flash flash-ok"><p>Rapporten är skickad till karriärvägledaren.</p></div>
      </xsl:if>
      <dl class="facts">
        <div><dt>Anordnare</dt><dd><xsl:value-of select="@provider"/></dd></div>
        <div><dt>Rapporterad av</dt><dd><xsl:value-of select="@reporter-name"/></dd></div>
        <div>
          <dt>Rapporterad</dt>
          <dd><xsl:call-template name="timestamp"><xsl:with-param name="at" select="@reported"/><xsl:with-param name="local" select="@reported-local"/></xsl:call-template></dd>
        </div>
        <div>
          <dt>Upptäckt</dt>
          <dd><xsl:call-template name="timestamp"><xsl:with-param name="at" select="@discovered"/><xsl:with-param name="local" select="@discovered-local"/></xsl:call-template></dd>
        </div>
        <div><dt>Ska rapporteras senast</dt><dd><xsl:call-template name="incident-line"/></dd></div>
      </dl>
      <section aria-labelledby="h-what">
        <h2 id="h-what">Vad har hänt?</h2>
        <p><span class="text"><xsl:value-of select="what"/></span></p>
      </section>
      <section aria-labelledby="h-concerned">
        <h2 id="h-concerned">Berörda kunder</h2>
        <xsl:choose>
          <xsl:when test="@named = '0'">
            <p>Inga kunder angivna. Rapporten gick till karriärvägledarna för alla anordnarens kunder.</p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:if test="placements/placement">
              <ul>
                <xsl:for-each select="placements/placement">
                  <li>
                    <a href="/placements/{@id}">
                      <xsl:call-template name="customer-name"><xsl:with-param name="c" select="customer"/></xsl:call-template>
                      <xsl:text>, </xsl:text>
                      <xsl:value-of select="@code"/>
                    </a>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:if>
            <xsl:if test="placements/@other-customers &gt; 0">
              <p>
                <xsl:text>Rapporten gäller också </xsl:text>
                <xsl:value-of select="placements/@other-customers"/>
                <xsl:text> kunder som andra karriärvägledare ansvarar för.</xsl:text>
              </p>
            </xsl:if>
            <xsl:if test="not(placements/placement) and not(placements/@other-customers &gt; 0)">
              <p>De angivna kundernas handlingar har gallrats.</p>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </section>
      <p><a href="/">Till startsidan</a></p>
    </xsl:for-each>
  </xsl:template>

  <!-- The start page's list of reports (provider: own; counsellor:
       received; admin: all). -->
  <xsl:template name="start-incidents">
    <xsl:if test="incidents and (incidents/@may-report = '1' or incidents/incident)">
      <section aria-labelledby="h-incidents">
        <h2 id="h-incidents">Personuppgiftsincidenter</h2>
        <xsl:if test="incidents/@may-report = '1'">
          <p><a class="btn" href="/incidents/new">Rapportera personuppgiftsincident</a></p>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="incidents/incident">
            <div class="table-wrap" role="region" tabindex="0" aria-labelledby="h-incidents">
              <table class="list">
                <caption class="visually-hidden">Rapporterade personuppgiftsincidenter</caption>
                <thead>
                  <tr>
                    <th scope="col">Rapport</th>
                    <th scope="col">Anordnare</th>
                    <th scope="col">Upptäckt</th>
                    <th scope="col">72-timmarsgräns</th>
                    <th scope="col">Kunder</th>
                  </tr>
                </thead>
                <tbody>
                  <xsl:for-each select="incidents/incident">
                    <tr>
                      <th scope="row"><a href="/incidents/{@id}">PI-<xsl:value-of select="@id"/></a></th>
                      <td><xsl:value-of select="@provider"/></td>
                      <td class="nowrap"><xsl:call-template name="timestamp"><xsl:with-param name="at" select="@discovered"/><xsl:with-param name="local" select="@discovered-local"/></xsl:call-template></td>
                      <td><xsl:call-template name="incident-line"/></td>
                      <td>
                        <xsl:choose>
                          <xsl:when test="@named = '0'">ej angivna</xsl:when>
                          <xsl:otherwise><xsl:value-of select="@customers"/></xsl:otherwise>
                        </xsl:choose>
                      </td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </div>
          </xsl:when>
          <xsl:otherwise><p class="empty-list">Inga rapporter.</p></xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
