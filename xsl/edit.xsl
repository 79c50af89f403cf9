<?xml version="1.0" encoding="UTF-8"?>
<!-- edit.xsl: view="edit", the frame every document form shares: heading,
     facts, error summary, the <form> with its hidden fields and buttons.
     The fields themselves come from the form file of the kind
     (form-plan.xsl: match="plan" mode="form"). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page[@view = 'edit']" mode="title">
    <xsl:if test="errors/error">Fel: </xsl:if>
    <xsl:apply-templates select="document" mode="edit-heading"/>
  </xsl:template>

  <!-- "Ny genomförandeplan" / "Redigera genomförandeplan, revision 2" -->
  <xsl:template match="document" mode="edit-heading">
    <xsl:variable name="kind">
      <xsl:call-template name="kind-label">
        <xsl:with-param name="kind" select="@kind"/>
      </xsl:call-template>
    </xsl:variable>
    <!-- lower-case the first letter of the kind: "Redigera genomförandeplan" -->
    <xsl:variable name="lc" select="concat(translate(substring($kind, 1, 1),
      'ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ', 'abcdefghijklmnopqrstuvwxyzåäö'), substring($kind, 2))"/>
    <xsl:choose>
      <xsl:when test="@new = '1'">
        <xsl:text>Ny </xsl:text>
        <xsl:value-of select="$lc"/>
        <xsl:if test="string(@period) != ''">
          <xsl:text>, </xsl:text>
          <xsl:call-template name="month"><xsl:with-param name="ym" select="@period"/></xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>Redigera </xsl:text>
        <xsl:value-of select="$lc"/>
        <xsl:if test="string(@period) != ''">
          <xsl:text>, </xsl:text>
          <xsl:call-template name="month"><xsl:with-param name="ym" select="@period"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="string(@revision) != ''">
          <xsl:text>, revision </xsl:text><xsl:value-of select="@revision"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@view = 'edit']" mode="main">
    <xsl:variable name="doc" select="document"/>
    <h1><xsl:apply-templates select="$doc" mode="edit-heading"/></h1>

    <xsl:call-template name="error-summary"/>

    <div class="status-box">
      <p>
        <span class="status-label">Status: </span>
        <xsl:call-template name="state-badge">
          <xsl:with-param name="state">
            <xsl:choose>
              <xsl:when test="$doc/@new = '1'">draft</xsl:when>
              <xsl:otherwise><xsl:value-of select="$doc/@state"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </p>
      <xsl:call-template name="placement-facts">
        <xsl:with-param name="p" select="$doc/placement"/>
      </xsl:call-template>
    </div>

    <p class="intro">
      Fält markerade ”(obligatoriskt)” måste vara ifyllda innan dokumentet kan klarmarkeras.
      Ett utkast kan sparas även om det inte är färdigt.
    </p>

    <form method="post" class="doc-form" novalidate="novalidate"
          enctype="application/x-www-form-urlencoded">
      <xsl:attribute name="action">
        <xsl:choose>
          <xsl:when test="$doc/@new = '1'">/documents</xsl:when>
          <xsl:otherwise>/documents/<xsl:value-of select="$doc/@id"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:call-template name="csrf"/>
      <xsl:choose>
        <xsl:when test="$doc/@new = '1'">
          <input type="hidden" name="placement" value="{$doc/@placement-id}"/>
          <input type="hidden" name="kind" value="{$doc/@kind}"/>
          <xsl:if test="string($doc/@period) != ''">
            <input type="hidden" name="period" value="{$doc/@period}"/>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <input type="hidden" name="version" value="{$doc/@version}"/>
        </xsl:otherwise>
      </xsl:choose>

      <!-- The save button comes first in document order: Enter in a text
           field presses it, not "Lägg till" or "Ta bort". -->
      <div class="form-actions form-actions-top">
        <button type="submit" name="_action" value="save" class="btn btn-primary">Spara utkast</button>
      </div>

      <xsl:choose>
        <xsl:when test="$doc/content/*">
          <xsl:apply-templates select="$doc/content/*" mode="form"/>
        </xsl:when>
        <xsl:otherwise>
          <p class="notice">Dokumentets innehåll saknas.</p>
        </xsl:otherwise>
      </xsl:choose>

      <div class="form-actions">
        <button type="submit" name="_action" value="save" class="btn btn-primary">Spara utkast</button>
        <xsl:text> </xsl:text>
        <a class="cancel">
          <xsl:attribute name="href">
            <xsl:choose>
              <xsl:when test="$doc/@new = '1' or string($doc/@id) = ''">
                <xsl:text>/placements/</xsl:text>
                <xsl:choose>
                  <xsl:when test="string($doc/@placement-id) != ''">
                    <xsl:value-of select="$doc/@placement-id"/>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$doc/placement/@id"/></xsl:otherwise>
                </xsl:choose>
              </xsl:when>
              <xsl:otherwise>/documents/<xsl:value-of select="$doc/@id"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:text>Avbryt</xsl:text>
        </a>
      </div>
    </form>
  </xsl:template>

  <!-- A kind without a form file. -->
  <xsl:template match="*" mode="form">
    <p class="notice">Det finns inget formulär för den här dokumenttypen.</p>
  </xsl:template>

  <!-- ============================================== building blocks for form files -->

  <!-- A labelled textarea. $field: the name (element path); $value: the text. -->
  <xsl:template name="textarea-field">
    <xsl:param name="field"/>
    <xsl:param name="value"/>
    <xsl:param name="label"/>
    <xsl:param name="hint"/>
    <xsl:param name="required" select="true()"/>
    <xsl:param name="required-text"/>
    <xsl:param name="rows" select="3"/>
    <xsl:param name="maxlength" select="4000"/>
    <div>
      <xsl:call-template name="field-class"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <label for="f-{translate($field, '/[]', '---')}">
        <xsl:value-of select="$label"/>
        <xsl:call-template name="required-marker">
          <xsl:with-param name="required" select="$required"/>
          <xsl:with-param name="text" select="$required-text"/>
        </xsl:call-template>
        <xsl:if test="string($hint) != ''">
          <span class="hint"><xsl:value-of select="$hint"/></span>
        </xsl:if>
      </label>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <textarea rows="{$rows}" maxlength="{$maxlength}">
        <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="$field"/></xsl:call-template>
        <!-- A browser drops the first newline after <textarea>: give it one
             so a value that starts with a newline survives a round trip. -->
        <xsl:text>&#10;</xsl:text>
        <xsl:value-of select="$value"/>
      </textarea>
    </div>
  </xsl:template>

  <!-- A labelled <input>: $type text or date. -->
  <xsl:template name="input-field">
    <xsl:param name="field"/>
    <xsl:param name="value"/>
    <xsl:param name="label"/>
    <xsl:param name="hint"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="required" select="true()"/>
    <xsl:param name="required-text"/>
    <xsl:param name="maxlength" select="200"/>
    <xsl:param name="class"/>
    <div>
      <xsl:call-template name="field-class"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <label for="f-{translate($field, '/[]', '---')}">
        <xsl:value-of select="$label"/>
        <xsl:call-template name="required-marker">
          <xsl:with-param name="required" select="$required"/>
          <xsl:with-param name="text" select="$required-text"/>
        </xsl:call-template>
        <xsl:if test="string($hint) != ''">
          <span class="hint"><xsl:value-of select="$hint"/></span>
        </xsl:if>
      </label>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="$field"/></xsl:call-template>
      <!-- A browser empties a date input whose value is not a real date
           ("2024-02-30"): then fall back to a text input so nothing the
           user typed is lost. -->
      <xsl:variable name="real-type">
        <xsl:choose>
          <xsl:when test="$type = 'date' and string($value) != ''">
            <xsl:variable name="ok">
              <xsl:call-template name="is-valid-date"><xsl:with-param name="d" select="$value"/></xsl:call-template>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="$ok = '1'">date</xsl:when>
              <xsl:otherwise>text</xsl:otherwise>
            </xsl:choose>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$type"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <input type="{$real-type}" value="{$value}">
        <xsl:call-template name="field-attrs"><xsl:with-param name="field" select="$field"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$type = 'date' and $real-type = 'text'">
            <xsl:attribute name="class">date-as-text</xsl:attribute>
            <xsl:attribute name="placeholder">ÅÅÅÅ-MM-DD</xsl:attribute>
          </xsl:when>
          <xsl:when test="$type = 'text'">
            <xsl:attribute name="maxlength"><xsl:value-of select="$maxlength"/></xsl:attribute>
          </xsl:when>
        </xsl:choose>
        <xsl:if test="string($class) != ''">
          <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
        </xsl:if>
      </input>
    </div>
  </xsl:template>

  <xsl:template name="required-marker">
    <xsl:param name="required" select="true()"/>
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="string($text) != ''">
        <xsl:text> </xsl:text><span class="req"><xsl:value-of select="$text"/></span>
      </xsl:when>
      <xsl:when test="$required">
        <xsl:call-template name="required"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- "Lägg till …" for a repeated element $path (e.g. "subgoals/subgoal"). -->
  <xsl:template name="add-button">
    <xsl:param name="path"/>
    <xsl:param name="label"/>
    <button type="submit" name="_add" value="{$path}" class="btn btn-secondary btn-add">
      <xsl:value-of select="$label"/>
    </button>
  </xsl:template>

  <!-- "Ta bort" for the row $field (e.g. "subgoals/subgoal[2]"); $what names
       the row for screen readers ("delmål 2"). -->
  <xsl:template name="remove-button">
    <xsl:param name="field"/>
    <xsl:param name="what"/>
    <button type="submit" name="_remove" value="{$field}" class="btn btn-secondary btn-remove">
      <xsl:text>Ta bort</xsl:text>
      <span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="$what"/></span>
    </button>
  </xsl:template>

  <!-- Attributes for a group (fieldset) that may carry an error of its own
       ("subgoals", "activities/activity[2]"): id, class, aria-describedby. -->
  <xsl:template name="group-attrs">
    <xsl:param name="field"/>
    <xsl:param name="class" select="'group'"/>
    <xsl:attribute name="id">f-<xsl:value-of select="translate($field, '/[]', '---')"/></xsl:attribute>
    <xsl:attribute name="class">
      <xsl:value-of select="$class"/>
      <xsl:if test="/page/errors/error[@field = $field]"> group-invalid</xsl:if>
    </xsl:attribute>
    <xsl:if test="/page/errors/error[@field = $field]">
      <xsl:attribute name="aria-describedby">e-<xsl:value-of select="translate($field, '/[]', '---')"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
