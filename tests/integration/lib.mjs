// Helpers for the integration tests: the real stack (nginx + `insats serve`,
// started by conf/dev/stack.sh into a fresh temporary directory on a free
// 127.0.0.1 port), an HTTP client per demo user, and small HTML readers.
// Node 20, no npm packages.  INSATS_KEEP=1 keeps the stack's directory (its
// path is in the "stack.sh start" line of build/test-logs/<name>-stack.txt).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { mkdtemp, rm, mkdir, copyFile, appendFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PASSWORD = 'demo';

/** A free TCP port on 127.0.0.1 (the kernel picks it; we let it go again). */
export function freePort() {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => res(port));
		});
	});
}

/**
 * Starts the stack with a fresh demo database.  Returns
 * { base, port, dir, responses, stop(), addUser(login) }.  `responses` collects
 * every response any client of this stack received (for page-wide checks).
 * stop() is safe to call twice and after a failed start; it copies the logs
 * to build/test-logs/<name>-*.log before removing the directory.
 */
export async function startStack(name = 'integration') {
	// INSATS_LOG_PREFIX keeps the logs of a second run (the ASan worker) apart.
	name = (process.env.INSATS_LOG_PREFIX ?? '') + name;
	const dir = await mkdtemp(join(tmpdir(), 'insats-it-'));
	const stack = {
		dir, port: 0, base: '', responses: [], stopped: false,
		async stop() {
			if (this.stopped) return;
			this.stopped = true;
			try {
				await run('sh', [join(REPO, 'conf/dev/stack.sh'), 'stop', dir], { timeout: 30000 });
			} finally {
				await saveLogs(dir, name);
				if (!process.env.INSATS_KEEP) await rm(dir, { recursive: true, force: true });
			}
		},
		/** Adds LOGIN with password "demo" to nginx's user file (read per request). */
		async addUser(login) {
			const { stdout } = await run('openssl', ['passwd', '-apr1', PASSWORD]);
			await appendFile(join(dir, 'htpasswd'), `${login}:${stdout.trim()}\n`);
		},
	};
	let lastErr;
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		try {
			await run('sh', [join(REPO, 'conf/dev/stack.sh'), 'start', dir, String(port)], { timeout: 60000 });
			stack.port = port;
			stack.base = `http://127.0.0.1:${port}`;
			await mkdir(join(REPO, 'build/test-logs'), { recursive: true }).catch(() => {});
			await appendFile(join(REPO, `build/test-logs/${name}-stack.txt`),
				`stack.sh start ${dir} ${port}\n`).catch(() => {});
			return stack;
		} catch (e) {
			lastErr = e;
			// Another process may have taken the port between freePort() and nginx.
			if (!/port .* in use/.test(String(e.stderr))) break;
		}
	}
	await stack.stop().catch(() => {});
	throw new Error(`stack.sh start failed: ${lastErr.message}\n${lastErr.stderr ?? ''}`);
}

async function saveLogs(dir, name) {
	const out = join(REPO, 'build/test-logs');
	await mkdir(out, { recursive: true }).catch(() => {});
	for (const f of ['insats.log', 'init.log', 'nginx-error.log', 'nginx-access.log']) {
		await copyFile(join(dir, f), join(out, `${name}-${f}`)).catch(() => {});
	}
}

// What a browser sends; note the Accept header of a page load names
// application/xml too: the worker must still answer HTML to it.
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * An HTTP client for one user (null: no Authorization header).  Redirects
 * are not followed.  Every method resolves to a Res:
 * { status, headers, type, text, location, url, method }.
 */
export function client(stack, user, password = PASSWORD) {
	const auth = user === null ? {} :
		{ Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') };
	async function request(method, path, { body, headers = {} } = {}) {
		const url = stack.base + path;
		const r = await fetch(url, {
			method, body, redirect: 'manual',
			headers: { Accept: BROWSER_ACCEPT, ...auth, ...headers },
			signal: AbortSignal.timeout(15000),
		});
		const text = await r.text();
		const loc = r.headers.get('location');
		const res = {
			method, url: path, user, status: r.status, headers: r.headers, text,
			type: (r.headers.get('content-type') || '').toLowerCase(),
			location: loc === null ? null : (() => {
				const u = new URL(loc, stack.base);
				return u.pathname + u.search;
			})(),
		};
		stack.responses.push(res);
		return res;
	}
	return {
		user,
		request,
		get: (path, opts) => request('GET', path, opts),
		/** POSTs form fields (Form, URLSearchParams, pairs or object) as a same-origin browser form. */
		postForm(path, fields, { headers = {} } = {}) {
			const body = fields instanceof Form ? fields.toString() :
				new URLSearchParams(fields).toString();
			return request('POST', path, {
				body,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Origin: stack.base,
					'Sec-Fetch-Site': 'same-origin',
					...headers,
				},
			});
		},
		/** POSTs the workflow action /documents/ID/ACTION with the csrf token of `page`. */
		async action(id, action, page, extra = {}) {
			return this.postForm(`/documents/${id}/${action}`, { csrf: csrfOf(page), ...extra });
		},
	};
}

/** The output of sqlite3 -readonly on the stack's database (DIR/insats.db), trimmed. */
export async function sql(dir, query) {
	const { stdout } = await run('sqlite3', ['-readonly', join(dir, 'insats.db'), query],
		{ maxBuffer: 64 << 20 });
	return stdout.trim();
}

// The Luhn check digit over the nine digits YYMMDDNNN of a personal number.
function luhn(nine) {
	let sum = 0;
	for (let i = 0; i < 9; i++) {
		const v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	return (10 - (sum % 10)) % 10;
}

/** "YYYYMMDD-NNN" plus its correct check digit. */
export function pnr(date8, serial) {
	return `${date8}-${serial}${luhn(date8.slice(2) + serial)}`;
}

/** A short description of a response for assertion messages. */
export function describeRes(res) {
	const body = textOf(res.text).replace(/\s+/g, ' ').trim().slice(0, 300);
	return `${res.method} ${res.url} as ${res.user ?? '(none)'} -> ${res.status}` +
		(res.location ? ` Location ${res.location}` : '') + ` [${res.type}] ${body}`;
}

// ---------------------------------------------------------------- HTML --

const NAMED = {
	amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
	aring: 'å', auml: 'ä', ouml: 'ö', Aring: 'Å', Auml: 'Ä', Ouml: 'Ö',
	eacute: 'é', Eacute: 'É', uuml: 'ü', ndash: '–', mdash: '—', hellip: '…',
	larr: '←', rarr: '→', copy: '©', sect: '§',
};

/** Decodes HTML character references. */
export function decode(s) {
	return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
		if (e[0] === '#') {
			const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return String.fromCodePoint(n);
		}
		return NAMED[e] ?? m;
	});
}

/** The visible text of some HTML, entities decoded, whitespace collapsed. */
export function textOf(html) {
	return decode(html
		.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}

/** The attributes of one start tag, as an object (names lower-cased, values decoded). */
export function attrs(tag) {
	const out = {};
	const inner = tag.replace(/^<[a-zA-Z][\w-]*/, '').replace(/\/?>$/, '');
	for (const m of inner.matchAll(/([^\s=\/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
		out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
	return out;
}

/** The value of the hidden field "csrf" (the first one in the page). */
export function csrfOf(html) {
	for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
		const a = attrs(m[0]);
		if (a.name === 'csrf' && a.value) return a.value;
	}
	return null;
}

/** Every href in the page, decoded. */
export function links(html) {
	return [...html.matchAll(/<a\b[^>]*>/gi)].map((m) => attrs(m[0]).href).filter(Boolean);
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta',
	'source', 'track', 'wbr']);

/** The elements of the page as { tag, start, end } (end: after the close tag). */
function elements(html) {
	const out = [];
	const stack = [];
	for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)\b[^>]*?(\/?)>/g)) {
		const tag = m[2].toLowerCase();
		if (m[1]) {
			const at = stack.map((e) => e.tag).lastIndexOf(tag);
			if (at < 0) continue;
			while (stack.length > at) {
				const e = stack.pop();
				e.end = e.tag === tag && stack.length === at ? m.index + m[0].length : m.index;
				out.push(e);
			}
		} else if (!m[3] && !VOID.has(tag)) {
			stack.push({ tag, start: m.index });
		}
	}
	return out;
}

const ROWS = ['tr', 'li', 'article', 'section', 'dd', 'fieldset'];

/**
 * The HTML of the smallest "row" (tr, li, article, section, dd; else a div or
 * p) that contains `needle` (a string found in the raw HTML or, decoded, in
 * its text).  Every row containing it when `all` is set.  null when absent.
 */
export function rowOf(html, needle, { all = false } = {}) {
	const positions = [];
	for (let i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) positions.push(i);
	if (positions.length === 0) {
		// The needle may be written with character references in the HTML.
		const enc = needle.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
		for (let i = html.indexOf(enc); i >= 0; i = html.indexOf(enc, i + 1)) positions.push(i);
	}
	const els = elements(html);
	const rows = [];
	for (const p of positions) {
		const around = els.filter((e) => e.start <= p && p < e.end)
			.sort((a, b) => (a.end - a.start) - (b.end - b.start));
		const row = around.find((e) => ROWS.includes(e.tag)) ??
			around.find((e) => e.tag === 'div' || e.tag === 'p');
		if (row) rows.push(html.slice(row.start, row.end));
	}
	if (all) return [...new Set(rows)];
	return rows[0] ?? null;
}

/**
 * The rows (tr, li) of the page's <main> (or of the whole page) that hold no
 * further rows, as HTML strings in document order.
 */
export function leafRows(html) {
	const main = /<main\b[\s\S]*<\/main>/i.exec(html);
	const h = main ? main[0] : html;
	const rows = elements(h).filter((e) => e.tag === 'tr' || e.tag === 'li');
	return rows.filter((r) => !rows.some((o) => o !== r && r.start < o.start && o.end <= r.end))
		.sort((a, b) => a.start - b.start)
		.map((r) => h.slice(r.start, r.end));
}

/** A date as the pages may show it: 2024-03-14 or 14 mars 2024. */
export const DATE = /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.? \d{4}\b/i;

// ---------------------------------------------------------------- forms --

/** The fields of an HTML form as a browser would submit them (no button). */
export class Form {
	constructor(action, entries) {
		this.action = action;
		this.entries = entries;
	}
	get(name) {
		const e = this.entries.find(([n]) => n === name);
		return e ? e[1] : undefined;
	}
	has(name) { return this.entries.some(([n]) => n === name); }
	names() { return this.entries.map(([n]) => n); }
	/** Sets the first field NAME (appending it when absent) and drops other copies. */
	set(name, value) {
		const i = this.entries.findIndex(([n]) => n === name);
		if (i < 0) {
			this.entries.push([name, String(value)]);
		} else {
			this.entries[i] = [name, String(value)];
			this.entries = this.entries.filter(([n], j) => n !== name || j === i);
		}
		return this;
	}
	delete(name) {
		this.entries = this.entries.filter(([n]) => n !== name);
		return this;
	}
	/** A copy, as sent when the submit button NAME=VALUE is pressed. */
	press(name, value) {
		return new Form(this.action, [...this.entries.map((e) => [...e]), [name, value]]);
	}
	toString() {
		return new URLSearchParams(this.entries).toString();
	}
}

/**
 * The form whose action matches `action` (a string compared with the path
 * of the action attribute, or a RegExp), or the first POST form.  null when
 * absent.
 */
export function parseForm(html, action) {
	for (const fm of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
		const a = attrs(fm[0].slice(0, fm[0].indexOf('>') + 1));
		const act = a.action ?? '';
		const path = act.replace(/^https?:\/\/[^/]+/, '');
		const hit = action === undefined ? (a.method ?? 'get').toLowerCase() === 'post' :
			action instanceof RegExp ? action.test(path) : path === action;
		if (!hit) continue;
		const entries = [];
		const re = /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/gi;
		for (const m of fm[1].matchAll(re)) {
			const tag = m[0].slice(0, m[0].indexOf('>') + 1);
			const at = attrs(tag);
			if (!at.name || 'disabled' in at) continue;
			if (/^<input/i.test(tag)) {
				const type = (at.type ?? 'text').toLowerCase();
				if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
				if ((type === 'checkbox' || type === 'radio') && !('checked' in at)) continue;
				entries.push([at.name, at.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
			} else if (/^<textarea/i.test(tag)) {
				entries.push([at.name, decode(m[1]).replace(/^\r?\n/, '')]);
			} else {
				const opts = [...m[2].matchAll(/<option\b[^>]*>([\s\S]*?)(?=<option\b|<\/option>|$)/gi)]
					.map((o) => {
						const oa = attrs(o[0].slice(0, o[0].indexOf('>') + 1));
						return { value: oa.value ?? decode(o[1]).trim(), selected: 'selected' in oa };
					});
				const sel = opts.find((o) => o.selected) ?? opts[0];
				if (sel) entries.push([at.name, sel.value]);
			}
		}
		return new Form(path, entries);
	}
	return null;
}

/** The submit buttons of the page as [name, value] pairs. */
export function buttons(html) {
	const out = [];
	for (const m of html.matchAll(/<button\b[^>]*>|<input\b[^>]*type\s*=\s*["']?submit[^>]*>/gi)) {
		const a = attrs(m[0]);
		if ((a.type ?? 'submit').toLowerCase() === 'submit' && a.name) out.push([a.name, a.value ?? '']);
	}
	return out;
}

/** The contents of a file under the repository. */
export function fixture(rel) {
	return readFile(join(REPO, rel), 'utf8');
}
