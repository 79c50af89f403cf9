// Helpers for the browser tests: the real stack (nginx + `insats serve`, from
// tests/integration/lib.mjs), Debian's Chromium driven by playwright-core, an
// axe-core scan of every page a test visits, screenshots and small checks.
//
// Never a downloaded browser: /usr/bin/chromium (Debian package "chromium").
// playwright.launch() gives every run a fresh temporary profile
// (--user-data-dir) of its own and removes it on close.
//
// INSATS_E2E_HEADED=1 is not supported on purpose: the tests run where there
// is no display.  Screenshots and PDFs land in tests/e2e/out/ (not committed).
import assert from 'node:assert/strict';
import { readFile, readdir, rm, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStack, REPO, PASSWORD } from '../integration/lib.mjs';

export { REPO, PASSWORD };
export const OUT = join(REPO, 'tests/e2e/out');
export const CHROMIUM = process.env.INSATS_CHROMIUM || '/usr/bin/chromium';

const AXE_SOURCE = readFile(join(REPO, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8');

// The WCAG 2.1 A/AA rules plus axe's best practices.  Only serious and
// critical violations fail a test; every finding lands in out/axe-*.json.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const AXE_FAIL = new Set(['serious', 'critical']);

// Chromium's switches: no GPU, no network of its own (only 127.0.0.1 is
// ever reached, by the pages), nothing that phones home.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
	'--disable-default-apps', '--disable-extensions', '--mute-audio'];

/**
 * Starts a stack with a fresh demo database and a browser.  Returns
 * { stack, browser, as(login, opts), close() }.  `as` opens a new browser
 * context logged in as LOGIN (HTTP basic, sent with every request, as a
 * browser does after the login dialog) and resolves to a Visitor.
 */
export async function setup(name) {
	await mkdir(OUT, { recursive: true });
	for (const f of await readdir(OUT)) {
		if (f.startsWith(`${name}-`)) await rm(join(OUT, f), { force: true });
	}
	const stack = await startStack(`e2e-${name}`);
	let browser;
	try {
		// LANGUAGE: Chromium on Linux takes its user-interface language
		// (and so the order of the fields of <input type="date">:
		// ÅÅÅÅ-MM-DD) from the environment, given the chromium-l10n package.
		browser = await chromium.launch({
			executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30000,
			env: { ...process.env, LANGUAGE: 'sv' },
		});
	} catch (e) {
		await stack.stop().catch(() => {});
		throw e;
	}
	const visitors = [];
	const report = [];
	let shots = 0;
	const env = {
		stack, browser, name, report,
		nextShot() { shots += 1; return String(shots).padStart(2, '0'); },
		async as(login, { javaScriptEnabled = true } = {}) {
			const context = await browser.newContext({
				javaScriptEnabled,
				httpCredentials: { username: login, password: PASSWORD, origin: stack.base, send: 'always' },
				locale: 'sv-SE',
				timezoneId: 'Europe/Stockholm',
				viewport: { width: 1280, height: 900 },
				acceptDownloads: true,
			});
			context.setDefaultTimeout(10000);
			context.setDefaultNavigationTimeout(15000);
			const v = new Visitor(env, login, context, await context.newPage(), javaScriptEnabled);
			visitors.push(v);
			return v;
		},
		async close() {
			try {
				for (const v of visitors) v.assertAllScanned();
			} finally {
				await writeFile(join(OUT, `axe-${name}.json`), JSON.stringify(report, null, 1)).catch(() => {});
				await browser.close().catch(() => {});
				await stack.stop();
			}
		},
	};
	return env;
}

/**
 * One person at one browser tab.  Records every document the tab loads
 * (its URL and HTTP status); check() scans the current one, and
 * assertAllScanned() fails when a loaded page was never scanned.
 */
export class Visitor {
	constructor(env, login, context, page, js) {
		this.env = env;
		this.login = login;
		this.context = context;
		this.page = page;
		this.js = js;
		this.loads = [];	// { url, status, scanned }
		this.cspErrors = [];
		page.on('response', (res) => {
			const req = res.request();
			// The documents shown in the tab: not redirects, not downloads.
			if (req.isNavigationRequest() && req.frame() === page.mainFrame() &&
			    !(res.status() >= 300 && res.status() < 400) &&
			    /^text\/html/i.test(res.headers()['content-type'] ?? '') &&
			    !/attachment/i.test(res.headers()['content-disposition'] ?? '')) {
				this.loads.push({ url: res.url(), status: res.status(), scanned: false });
			}
		});
		page.on('console', (m) => {
			if (/Content Security Policy|Refused to/i.test(m.text())) this.cspErrors.push(m.text());
		});
		page.on('pageerror', (e) => this.cspErrors.push(`page error: ${e.message}`));
	}

	get base() { return this.env.stack.base; }

	/** The path (and query) of the current page. */
	path() {
		const u = new URL(this.page.url());
		return u.pathname + u.search;
	}

	/** The path of the current page, without the query. */
	pathname() {
		return new URL(this.page.url()).pathname;
	}

	/** The HTTP status of the page now shown. */
	status() {
		const last = this.loads[this.loads.length - 1];
		return last ? last.status : 0;
	}

	/** Loads PATH as a person typing it into the address bar. */
	async goto(path) {
		await this.page.goto(this.base + path);
	}

	/**
	 * Checks the page now shown: the expected HTTP status, no inline script
	 * or style and no CSP complaint, dates only as YYYY-MM-DD, an axe-core
	 * scan with no serious or critical violation, and a screenshot named
	 * LABEL under tests/e2e/out/.
	 */
	async check(label, { status = 200 } = {}) {
		const last = this.loads[this.loads.length - 1];
		assert.ok(last, `${label}: no page was loaded`);
		assert.equal(last.status, status, `${label}: HTTP status of ${last.url}`);
		await this.page.screenshot({
			path: join(OUT, `${this.env.name}-${this.env.nextShot()}-${label}.png`), fullPage: true,
		});
		const inline = await this.page.evaluate(() => [...document.querySelectorAll('*')]
			// (Chromium's autofill itself leaves an empty style="" on some inputs.)
			.filter((e) => e.tagName === 'SCRIPT' || [...e.attributes].some((a) =>
				/^on/i.test(a.name) || (/^style$/i.test(a.name) && a.value.trim() !== '')))
			.map((e) => e.outerHTML.slice(0, 160)));
		assert.deepEqual(inline, [], `${label}: no script, style attribute or event handler in the page`);
		assert.deepEqual(this.cspErrors, [], `${label}: the browser reported no CSP violation or page error`);
		await this.checkDates(label);
		await this.scan(label);
		last.scanned = true;
	}

	/** Dates in the visible text are 2024-03-07, never 7/3/2024 or "7 mars 2024". */
	async checkDates(label) {
		const text = await this.page.locator('body').innerText();
		const bad = text.match(/\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}\b/gi);
		assert.equal(bad, null, `${label}: dates are written YYYY-MM-DD`);
	}

	/** An axe-core scan of the page now shown; fails on serious or critical. */
	async scan(label) {
		const target = this.js ? this.page : await this.snapshotPage();
		await target.evaluate(await AXE_SOURCE);
		const result = await target.evaluate((tags) => window.axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations'],
		}), AXE_TAGS);
		const found = result.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
		}));
		this.env.report.push({ label, user: this.login, url: this.path(), js: this.js, violations: found });
		const bad = found.filter((v) => AXE_FAIL.has(v.impact));
		assert.deepEqual(bad, [], `${label}: axe-core found serious or critical violations on ${this.path()}`);
	}

	/**
	 * axe-core needs JavaScript, which this tab has switched off: the page's
	 * DOM as it is now is served, with its real CSP and stylesheets, at the
	 * same origin to a second tab that has JavaScript, and scanned there.
	 */
	async snapshotPage() {
		return servedSnapshot(this.env, await this.page.content());
	}

	/** Fails when a page this tab loaded was never check()ed. */
	assertAllScanned() {
		const missed = this.loads.filter((l) => !l.scanned).map((l) => `${l.status} ${l.url}`);
		assert.deepEqual(missed, [], `${this.login}: every page visited is scanned`);
	}

	/** The visible text of the main element. */
	mainText() {
		return this.page.locator('main').innerText();
	}

	/**
	 * Presses Tab (Shift+Tab with `back`) until LOCATOR's element has the
	 * focus, at most MAX times.  Every element the focus passes must show
	 * a visible focus indicator.  Resolves to the number of presses.
	 */
	async tabTo(locator, { max = 120, back = false } = {}) {
		const handle = await locator.elementHandle();
		assert.ok(handle, `tabTo: ${locator} exists`);
		for (let i = 1; i <= max; i++) {
			await this.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
			await this.assertVisibleFocus();
			if (await handle.evaluate((el) => el === document.activeElement)) return i;
		}
		assert.fail(`tabTo: ${locator} not reached with ${max} presses of Tab`);
	}

	/**
	 * The focused element matches :focus-visible and its computed style
	 * draws an indicator: an outline at least 2px wide, or a box-shadow ring.
	 */
	async assertVisibleFocus() {
		const f = await this.page.evaluate(() => {
			const el = document.activeElement;
			if (!el || el === document.body) return null;
			const cs = getComputedStyle(el);
			return {
				what: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? '[name=' + el.name + ']' : ''}`,
				// Tab also reaches the calendar button inside a date field
				// (its shadow tree): the field is then :focus-within only.
				visible: el.matches(':focus-visible') ||
					((el.type === 'date' || el.type === 'month') && !el.matches(':focus') && el.matches(':focus-within')),
				outlineStyle: cs.outlineStyle,
				outlineWidth: parseFloat(cs.outlineWidth) || 0,
				boxShadow: cs.boxShadow,
			};
		});
		assert.ok(f, 'something has the focus');
		assert.ok(f.visible, `${f.what} matches :focus-visible`);
		const ring = (f.outlineStyle !== 'none' && f.outlineWidth >= 2) || (f.boxShadow && f.boxShadow !== 'none');
		assert.ok(ring, `${f.what} shows its focus (outline ${f.outlineStyle} ${f.outlineWidth}px, box-shadow ${f.boxShadow})`);
	}

	/**
	 * Tabs to a field and types TEXT into it, replacing what was there
	 * (keyboard only).  A date field is typed as a person does in a Swedish
	 * browser: the year, → to the month, then month and day.
	 */
	async typeInto(locator, text) {
		await this.tabTo(locator);
		const type = await locator.evaluate((el) => el.type);
		const kb = this.page.keyboard;
		if (type === 'date') {
			const [y, m, d] = text.split('-');
			await kb.type(y);
			await kb.press('ArrowRight');
			await kb.type(m + d);
		} else {
			await kb.press('Control+A');
			await kb.press('Delete');
			await kb.type(text);
		}
		assert.equal(await locator.inputValue(), text, `typed into ${locator}`);
	}

	/** The values of the fields named by the keys of EXPECTED. */
	async values(expected) {
		const out = {};
		for (const name of Object.keys(expected)) out[name] = await field(this.page, name).inputValue();
		return out;
	}
}

/** The field of the document form named NAME (an element path). */
export function field(page, name) {
	return page.locator(`[name="${name}"]`);
}

/** "activities/activity[2]/how" → "f-activities-activity-2--how". */
export function fieldId(name) {
	return 'f-' + name.replace(/[/[\]]/g, '-');
}

/** Waits for a download started by ACT (a function) and returns its text. */
export async function downloadText(page, act) {
	const [dl] = await Promise.all([page.waitForEvent('download'), act()]);
	const path = await dl.path();
	return { name: dl.suggestedFilename(), text: await readFile(path, 'utf8'), download: dl };
}

/**
 * Serves HTML at /__e2e-snapshot__ of the stack's origin (with the site's
 * CSP and its real stylesheets) to a tab that has JavaScript, and resolves
 * to that tab once the page has loaded.
 */
async function servedSnapshot(env, html) {
	const url = new URL('/__e2e-snapshot__', env.stack.base).href;
	if (!env.scanner) {
		const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
		env.scanner = { ctx, page: await ctx.newPage(), html: '' };
		await ctx.route(url, (route) => route.fulfill({
			status: 200,
			contentType: 'text/html; charset=utf-8',
			headers: { 'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'" },
			body: env.scanner.html,
		}));
	}
	env.scanner.html = html;
	await env.scanner.page.goto(url);
	return env.scanner.page;
}

/** The ids and impacts of what axe-core finds in HTML served as a snapshot. */
export async function snapshotViolations(env, html) {
	const page = await servedSnapshot(env, html);
	await page.evaluate(await AXE_SOURCE);
	const result = await page.evaluate((tags) => window.axe.run(document, {
		runOnly: { type: 'tag', values: tags },
		resultTypes: ['violations'],
	}), AXE_TAGS);
	return result.violations.map((v) => `${v.impact}:${v.id}`).sort();
}
