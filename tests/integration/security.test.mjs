// Issue 5 through nginx: forged identities, the authorization matrix generated
// from the router's own route table (`insats routes`), CSRF and same-origin
// checks, lost updates, the corpus of hostile documents in tests/data/attacks/,
// the FastCGI socket, security headers and rate limits.
// Each describe() block has a stack of its own (a fresh demo database);
// the tests of a block run in order.  Requests are paced (nginx limits
// every client address and user) except in the rate-limit test.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { readFile, readdir, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
	startStack, client, csrfOf, links, parseForm, rowOf, textOf, decode, describeRes, sql, REPO,
} from './lib.mjs';

const run = promisify(execFile);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const INSATS = join(REPO, 'build/insats');
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'";
// INSATS_ATTACK_MS: only tests/integration/asan-worker.sh sets it (sanitizer
// malloc makes the worker slower; that run checks memory, not speed).
const ATTACK_MS = Number(process.env.INSATS_ATTACK_MS) || 100;

// ------------------------------------------------------------ pacing --
// nginx allows 50 requests/s per address and 30/s per user (with bursts):
// the ordinary tests stay well below, so that no 429 hides what they test.
const realFetch = globalThis.fetch;
let paceMs = 30;
let nextSlot = 0;
async function pace() {
	const now = Date.now();
	const wait = Math.max(0, nextSlot - now);
	nextSlot = Math.max(now, nextSlot) + paceMs;
	if (wait > 0) await sleep(wait);
}
globalThis.fetch = async (...args) => {
	await pace();
	return realFetch(...args);
};

// ----------------------------------------------------------- helpers --
function status(res, expected, what = '') {
	const ok = Array.isArray(expected) ? expected.includes(res.status) : res.status === expected;
	assert.ok(ok, `${what ? what + ': ' : ''}expected ${expected}, got ${describeRes(res)}`);
}

/** The user's CSRF token as the worker computes it (HMAC-SHA256 of "csrf:" login). */
function tokenFor(secret, login) {
	return createHmac('sha256', secret).update(`csrf:${login}`).digest('hex');
}

/** Live worker processes: the children of the master in DIR/insats.pid. */
async function workers(dir) {
	const master = (await readFile(join(dir, 'insats.pid'), 'utf8')).trim();
	const out = [];
	for (const e of await readdir('/proc')) {
		if (!/^\d+$/.test(e)) continue;
		const st = await readFile(`/proc/${e}/stat`, 'utf8').catch(() => '');
		const m = /\) (\S) (\d+) /.exec(st);
		if (m && m[2] === master && m[1] !== 'Z') out.push(Number(e));
	}
	return out.sort((a, b) => a - b);
}

async function rssKb(pid) {
	const s = await readFile(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0);
}

/** Percent-encodes bytes for a url-encoded body. */
function pct(buf) {
	let s = '';
	for (const b of buf) {
		const c = String.fromCharCode(b);
		s += /[A-Za-z0-9_.~-]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
	}
	return s;
}

/** Expands the placeholders of tests/data/attacks/README.md. */
function expand(buf, ctx) {
	let s = buf.toString('latin1');
	const enc = (t) => Buffer.from(t, 'utf8').toString('latin1');
	s = s.replaceAll('@CANARY@', enc(ctx.canary)).replaceAll('@CANARY_NAME@', enc(ctx.canaryName))
		.replaceAll('@HTTP@', ctx.http)
		.replace(/@X\{(\d+)\}@/g, (m, n) => 'x'.repeat(Number(n)))
		.replace(/@OPEN\{(\d+)\}@/g, (m, n) => '<a>'.repeat(Number(n)))
		.replace(/@CLOSE\{(\d+)\}@/g, (m, n) => '</a>'.repeat(Number(n)))
		.replace(/@ATTRS\{(\d+)\}@/g, (m, n) => Array.from({ length: Number(n) }, (_, i) => `a${i}="1"`).join(' '))
		.replace(/@NS\{(\d+)\}@/g, (m, n) => Array.from({ length: Number(n) }, (_, i) => `xmlns:n${i}="urn:n${i}"`).join(' '))
		.replace(/@COMMENTS\{(\d+)\}@/g, (m, n) => '<!---->'.repeat(Number(n)));
	return Buffer.from(s, 'latin1');
}

/** Renames the root element <plan> to root (the attacks are written for the plan). */
function asKind(buf, root) {
	if (root === 'plan') return buf;
	const s = buf.toString('latin1').replace(/<plan\b/g, `<${root}`).replace(/<\/plan>/g, `</${root}>`)
		.replace(/(<!DOCTYPE |<!ATTLIST )plan\b/g, `$1${root}`);
	return Buffer.from(s, 'latin1');
}

/** A GET with the path sent exactly as given; resolves to { status, text }. */
async function rawGet(port, path, headers = {}) {
	await pace();
	return new Promise((resolve, reject) => {
		const conn = connect(port, '127.0.0.1');
		const chunks = [];
		conn.setTimeout(10000, () => { conn.destroy(); reject(new Error('raw GET timeout')); });
		conn.on('error', reject);
		conn.on('data', (d) => chunks.push(d));
		conn.on('end', () => {
			const s = Buffer.concat(chunks).toString('utf8');
			const i = s.indexOf('\r\n\r\n');
			resolve({ status: Number(/^HTTP\/1\.\d (\d+)/.exec(s)?.[1] ?? 0), head: s.slice(0, i),
				text: i < 0 ? '' : s.slice(i + 4) });
		});
		const h = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
		// write, not end: nginx drops a request whose client half-closed.
		conn.write(`GET ${path} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n${h}\r\n`);
	});
}

// A minimal FastCGI client, to speak to the worker's socket without nginx.
function fcgiRecord(type, content) {
	const pad = (8 - (content.length % 8)) % 8;
	const h = Buffer.from([1, type, 0, 1, content.length >> 8, content.length & 255, pad, 0]);
	return Buffer.concat([h, content, Buffer.alloc(pad)]);
}
function fcgiParams(params) {
	const parts = [];
	const len = (n) => (n < 128 ? Buffer.from([n]) :
		Buffer.from([(n >>> 24) | 0x80, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]));
	for (const [k, v] of Object.entries(params)) {
		const kb = Buffer.from(k); const vb = Buffer.from(v);
		parts.push(len(kb.length), len(vb.length), kb, vb);
	}
	return Buffer.concat(parts);
}
/** Sends one GET to the FastCGI socket; resolves to the "Status:" code. */
function fcgiGet(socket, params) {
	return new Promise((resolve, reject) => {
		const conn = connect(socket);
		const chunks = [];
		conn.setTimeout(10000, () => { conn.destroy(); reject(new Error('fcgi timeout')); });
		conn.on('error', reject);
		conn.on('data', (d) => chunks.push(d));
		conn.on('end', () => {
			const buf = Buffer.concat(chunks);
			let out = '';
			for (let i = 0; i + 8 <= buf.length;) {
				const type = buf[i + 1]; const n = buf.readUInt16BE(i + 4); const pad = buf[i + 6];
				if (type === 6) out += buf.subarray(i + 8, i + 8 + n).toString('utf8');
				i += 8 + n + pad;
			}
			resolve(Number(/^Status: (\d+)/m.exec(out)?.[1] ?? 0));
		});
		const begin = Buffer.from([0, 1, 0, 0, 0, 0, 0, 0]);
		conn.end(Buffer.concat([fcgiRecord(1, begin), fcgiRecord(4, fcgiParams(params)),
			fcgiRecord(4, Buffer.alloc(0)), fcgiRecord(5, Buffer.alloc(0))]));
	});
}

// ----------------------------------------------- the expected matrix --
// Cells: what each role gets on each route.  P is Eva Ek's placement
// (Framtid AB, counsellor karin); D is anna's plan on it.  404 where the
// user may not know the thing exists, 403 where they may see it but not do
// this, 401 from nginx without valid credentials.
const ROLES = ['anna', 'bo', 'karin', 'kalle', 'lena', 'arkiv', 'admin', 'ghost', 'none', 'forged',
	'spoof'];
const ROLE_NOTE = {
	anna: 'provider, own organisation', bo: 'provider, other organisation',
	karin: 'responsible counsellor', kalle: 'counsellor, not responsible', lena: 'team lead',
	arkiv: 'archivist',
	admin: 'admin', ghost: 'in htpasswd, not in the database', none: 'no Authorization',
	forged: 'anna with a wrong password', spoof: "bo's login + Remote-User/X-Remote-User: anna",
};
const OWNER_ONLY = { anna: 200, karin: 403, lena: 403 };	// others 404
const KNOWN = {
	'GET /healthz': () => 200,
	'GET /': () => 200,
	'GET /placements/{id}': { anna: 200, karin: 200, lena: 200 },
	'GET /documents/new': { anna: 303, karin: 403, lena: 403 },
	'POST /documents': { anna: 303, karin: 403, lena: 403 },
	'GET /documents/{id}': { anna: 200, karin: 200, lena: 200 },
	'GET /documents/{id}/history': { anna: 200, karin: 200, lena: 200 },
	'GET /documents/{id}/edit': OWNER_ONLY,
	'POST /documents/{id}': { anna: 303, karin: 403, lena: 403 },
	'POST /documents/{id}/submit': { anna: 303, karin: 403, lena: 403 },
	'POST /documents/{id}/return': { karin: 303, anna: 403, lena: 403 },
	'POST /documents/{id}/approve': { karin: 303, anna: 403, lena: 403 },
	'POST /documents/{id}/revise': { anna: 303, karin: 403, lena: 403 },
	// Issue 12: the case flow.  The matrix's form has none of a step's
	// fields, so the one who may take a step gets the form back (422);
	// who may see the placement but not take the step, 403.
	'GET /placements/new': { karin: 200, kalle: 200, _: 403 },
	'POST /placements': { karin: 422, kalle: 422, _: 403 },
	'POST /placements/{id}/staff': { anna: 422, karin: 403, lena: 403 },
	'POST /placements/{id}/assign': { karin: 422, anna: 403, lena: 403 },
	'POST /placements/{id}/start-meeting': { anna: 422, karin: 403, lena: 403 },
	'POST /placements/{id}/request-revision': { karin: 303, anna: 403, lena: 403 },
	'POST /placements/{id}/end': { karin: 422, anna: 403, lena: 403 },
	// Eva Ek's AMI2 runs a year: too early for an extension.
	'POST /placements/{id}/extend': { lena: 409, anna: 403, karin: 403 },
	// Issue 13: follow-up meetings, booked by either party.  The matrix
	// posts to /follow-ups/D/outcome, and there is no follow-up D.
	'POST /placements/{id}/follow-ups': { anna: 422, karin: 422, lena: 403 },
	// Eva Ek has no former provider: no consent to record.
	'POST /placements/{id}/consent': { karin: 409, anna: 403, lena: 403 },
	'POST /follow-ups/{id}/outcome': { _: 404 },
	// Issue 3: the payment basis, for counsellors (their customers) and admins.
	'GET /payments': { karin: 200, kalle: 200, admin: 200, _: 403, query: '?month=2026-11' },
	// Issue 13: messages on P (the owner and the counsellor write; the team
	// lead reads; the matrix's form has kind "plan": 422) and incidents (a
	// provider reports; the report I by anna naming P reaches karin and the
	// admin; every one else 404).
	'GET /placements/{id}/messages': { anna: 200, karin: 200, lena: 200 },
	'POST /placements/{id}/messages': { anna: 422, karin: 422, lena: 403 },
	'GET /incidents/new': { anna: 200, bo: 200, _: 403 },
	'POST /incidents': { anna: 422, bo: 422, _: 403 },
	'GET /incidents/{id}': { anna: 200, karin: 200, admin: 200, id: () => incidentId },
};
let incidentId = null;	// I, set up by the matrix's block
// The state D must be in before a route's cells run (the one role that may
// act goes last, so its success sets up the next route).
const ORDER = ['POST /documents/{id}', 'POST /documents/{id}/submit', 'POST /documents/{id}/return',
	'POST /documents/{id}/approve', 'POST /documents/{id}/revise'];

function expected(key, role, isPublic) {
	if (isPublic) return 200;
	if (role === 'none' || role === 'forged') return 401;
	if (role === 'ghost') return 403;
	const k = KNOWN[key];
	if (typeof k === 'function') return k(role);
	if (k) return k[role === 'spoof' ? 'bo' : role] ?? k._ ?? 404;
	return null;
}


/** A fresh demo stack for the enclosing describe() block, its clients and its CSRF secret. */
function ownStack(name) {
	const own = { c: {}, allRes: [] };
	/** A request as a role of the matrix; records the response. */
	own.as = (role, method, path, { form, headers = {} } = {}) => {
		const cl = role === 'spoof' ? own.c.bo : own.c[role];
		const h = role === 'spoof' ? { 'Remote-User': 'anna', 'X-Remote-User': 'anna',
			'X-Forwarded-User': 'anna', 'X-Authenticated-User': 'anna', ...headers } : headers;
		const p = form !== undefined ? cl.postForm(path, form, { headers: h }) :
			cl.request(method, path, { headers: h });
		return p.then((res) => { own.allRes.push(res); return res; });
	};
	before(async () => {
		own.stack = await startStack(name);
		own.dir = own.stack.dir;
		await own.stack.addUser('ghost');
		for (const r of ['anna', 'bo', 'karin', 'kalle', 'lena', 'arkiv', 'admin', 'ghost']) own.c[r] = client(own.stack, r);
		own.c.none = client(own.stack, null);
		own.c.forged = client(own.stack, 'anna', 'not-the-password');
		own.secret = await sql(own.dir, "SELECT value FROM settings WHERE key = 'csrf_secret'");
	});
	after(async () => {
		await own.stack?.stop();
	});
	return own;
}

/**
 * On the stack of own: the placement ids of Eva Ek (P) and Oskar Lind,
 * anna's draft plan D on P, and an incident I by anna naming P.
 */
async function setUpPlan(own) {
	const start = await own.as('anna', 'GET', '/');
	status(start, 200, 'anna /');
	const idOf = (name) => links(rowOf(start.text, name) ?? '').map((h) =>
		/placement[s=/](\d+)/.exec(h)?.[1]).find(Boolean);
	own.evaP = idOf('Eva Ek');
	own.oskarP = idOf('Oskar Lind');
	assert.ok(own.evaP && own.oskarP, 'placement ids of Eva Ek and Oskar Lind');
	const nf = await own.as('anna', 'GET', `/documents/new?placement=${own.evaP}&kind=plan`);
	status(nf, 200, 'new plan form');
	const form = parseForm(nf.text, '/documents');
	assert.equal(form.get('csrf'), tokenFor(own.secret, 'anna'), 'the token is HMAC(secret, "csrf:anna")');
	const fill = {
		goal: 'Matrisens mål.', 'subgoals/subgoal[1]': 'Delmål.', 'activities/activity[1]/what': 'Aktivitet',
		'activities/activity[1]/how': 'Så här', 'activities/activity[1]/when': 'Vecka 1',
		followUp: '2026-12-01', 'signatures/customer/signedBy': 'Eva Ek',
		'signatures/customer/date': '2026-10-06', 'signatures/provider/signedBy': 'Anna Andersson',
		'signatures/provider/date': '2026-10-06',
	};
	for (const [k, v] of Object.entries(fill)) form.set(k, v);
	if (form.has('scope/extent')) form.set('scope/extent', 'fulltime');
	const res = await own.c.anna.postForm('/documents', form.press('_action', 'save'));
	status(res, 303, 'save of the new plan');
	own.docId = /^\/documents\/(\d+)/.exec(res.location)?.[1];
	assert.ok(own.docId, 'the new document id');
	const inc = await own.c.anna.postForm('/incidents', { csrf: form.get('csrf'), what: 'Matrisens incident.',
		discovered_on: '2026-11-02', discovered_time: '10:00', placement: own.evaP });
	status(inc, 303, 'the incident I');
	own.incidentId = /^\/incidents\/(\d+)/.exec(inc.location)?.[1];
}

/** Asserts the security headers on every response of seen; returns the statuses seen. */
function checkSecurityHeaders(seen) {
	const statuses = new Set();
	for (const r of seen) {
		if (r.status === 0) continue;
		statuses.add(r.status);
		const what = `${r.method ?? 'POST'} ${r.url ?? ''} (${r.status})`;
		assert.equal(r.headers.get('content-security-policy'), CSP, `CSP on ${what}`);
		assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `nosniff on ${what}`);
		assert.equal(r.headers.get('referrer-policy'), 'no-referrer', `Referrer-Policy on ${what}`);
		const isStatic = (r.url ?? '').startsWith('/static/');
		if (!isStatic)
			assert.equal(r.headers.get('cache-control'), 'no-store', `Cache-Control: no-store on ${what}`);
		assert.ok(!r.headers.get('x-powered-by') && !/nginx\//.test(r.headers.get('server') ?? ''),
			`no version banner on ${what}`);
	}
	return statuses;
}

/** The last test of a block: the security headers on everything its stack sent. */
function itSetsTheSecurityHeaders(own) {
	it('sets the security headers on every response it was sent', () => {
		const seen = [...own.allRes, ...own.stack.responses];
		assert.ok(seen.length > 0, 'responses to look at');
		checkSecurityHeaders(seen);
	});
}

/** The routes of `insats routes`: { method, pattern, key, isPublic }. */
async function listRoutes() {
	const { stdout } = await run(INSATS, ['routes']);
	return stdout.trim().split('\n').map((l) => {
		const [method, pattern, flag] = l.split(' ');
		return { method, pattern, key: `${method} ${pattern}`, isPublic: flag === 'public' };
	});
}

// The pacing of fetch() ends with the file.
after(() => {
	globalThis.fetch = realFetch;
});

describe('the routes of the worker are listed by insats routes, /healthz the only public one', () => {
	let routes = [];

	it('lists the routes of the worker (insats routes)', async () => {
		const { stdout } = await run(INSATS, ['routes']);
		routes = stdout.trim().split('\n').map((l) => {
			const [method, pattern, flag] = l.split(' ');
			return { method, pattern, key: `${method} ${pattern}`, isPublic: flag === 'public' };
		});
		assert.ok(routes.length >= 13, `at least the 13 routes of issue 2: ${stdout}`);
		for (const r of routes) assert.match(r.method, /^(GET|POST)$/, r.key);
		assert.deepEqual(routes.filter((r) => r.isPublic).map((r) => r.key), ['GET /healthz'],
			'only /healthz is public');
	});
});

describe('nginx alone speaks to the worker, which runs sandboxed with its own limits', { timeout: 120000 }, () => {
	const own = ownStack('integration-security-service');
	let stack; let dir; let c; let secret; let allRes; let as;
	before(() => ({ stack, dir, c, secret, allRes, as } = own));

	it('passes REMOTE_USER only where nginx authenticated, and clears HTTP_PROXY (site config)', async () => {
		const conf = await readFile(join(REPO, 'conf/nginx/insats-site.conf.in'), 'utf8');
		const server = conf.replace(/#.*$/gm, '');
		assert.match(server, /^\s*auth_basic\s+"[^"]+";/m, 'auth_basic on at server level');
		// Every location block that turns auth_basic off and talks to the worker
		// must hand it an empty REMOTE_USER and no Authorization header.
		for (const m of server.matchAll(/location\s+([^{]+)\{([^}]*)\}/g)) {
			const [, where, body] = m;
			if (!/fastcgi_pass/.test(body)) continue;
			assert.match(body, /fastcgi_param\s+HTTP_PROXY\s+""/, `HTTP_PROXY cleared in location ${where}`);
			assert.match(body, /fastcgi_param\s+HTTP_AUTHORIZATION\s+""/, `no Authorization to the worker in ${where}`);
			if (/auth_basic\s+off/.test(body)) {
				assert.match(body, /fastcgi_param\s+REMOTE_USER\s+""/, `REMOTE_USER "" in ${where}`);
			} else {
				assert.match(body, /fastcgi_param\s+REMOTE_USER\s+\$remote_user;/, `REMOTE_USER in ${where}`);
			}
		}
	});

	it('runs the service sandboxed (conf/systemd/insats.service) with its own rlimits', async () => {
		const unit = (await readFile(join(REPO, 'conf/systemd/insats.service'), 'utf8')).replace(/#.*$/gm, '');
		const has = (re, what) => assert.match(unit, re, `insats.service: ${what}`);
		has(/^User=insats$/m, 'own user');
		has(/^NoNewPrivileges=yes$/m, 'NoNewPrivileges');
		has(/^ProtectSystem=strict$/m, 'ProtectSystem=strict');
		has(/^ReadWritePaths=\/var\/lib\/insats$/m, 'the database directory writable');
		has(/^PrivateTmp=yes$/m, 'PrivateTmp');
		has(/^ProtectHome=yes$/m, 'ProtectHome');
		has(/^RestrictAddressFamilies=AF_UNIX$/m, 'AF_UNIX only');
		has(/^SystemCallFilter=@system-service$/m, 'SystemCallFilter');
		has(/^MemoryMax=\S+$/m, 'MemoryMax');
		has(/^RuntimeDirectory=insats$/m, 'RuntimeDirectory for the socket');
		assert.doesNotMatch(unit, /^User=root$/m, 'not root');
		const conf = await readFile(join(dir, 'insats.conf'), 'utf8');
		assert.match(conf, /^socket_mode\s*=\s*0660$/m, 'socket mode 0660 in insats.conf');
		assert.doesNotMatch(conf, /^socket\s*=\s*[^/\s]/m, 'the socket is a path, not host:port');
		// The running workers set RLIMIT_AS and RLIMIT_CPU themselves.
		for (const pid of await workers(dir)) {
			const lim = await readFile(`/proc/${pid}/limits`, 'utf8');
			const as = /Max address space\s+(\d+)/.exec(lim)?.[1];
			const cpu = /Max cpu time\s+(\d+)/.exec(lim)?.[1];
			assert.equal(Number(as), 256 * 1024 * 1024, `worker ${pid} RLIMIT_AS 256 MB`);
			assert.ok(Number(cpu) > 0 && Number(cpu) <= 3600, `worker ${pid} RLIMIT_CPU ${cpu}`);
		}
	});

	it('keeps the FastCGI socket to nginx (0660, group www-data) and refuses a request without REMOTE_USER', async () => {
		const sock = join(dir, 'insats.sock');
		const st = await stat(sock);
		assert.ok(st.isSocket(), 'a unix socket');
		assert.equal(st.mode & 0o777, 0o660, 'mode 0660');
		const { stdout } = await run('getent', ['group', 'www-data']).catch(() => ({ stdout: '' }));
		const gid = Number(stdout.split(':')[2]);
		if (Number.isFinite(gid)) assert.equal(st.gid, gid, 'group www-data');
		const base = { REQUEST_METHOD: 'GET', REQUEST_URI: '/', SERVER_PROTOCOL: 'HTTP/1.1', HTTP_HOST: 'x' };
		assert.equal(await fcgiGet(sock, base), 403, 'no REMOTE_USER: 403');
		assert.equal(await fcgiGet(sock, { ...base, REMOTE_USER: '' }), 403, 'empty REMOTE_USER: 403');
		assert.equal(await fcgiGet(sock, { ...base, REMOTE_USER: 'nobody-here' }), 403, 'unknown user: 403');
		assert.equal(await fcgiGet(sock, { ...base, REMOTE_USER: 'x'.repeat(300) }), 403, 'overlong user: 403');
		assert.equal(await fcgiGet(sock, { ...base, REMOTE_USER: 'anna' }), 200, 'nginx-set user: 200');
		const { stdout: ss } = await run('sh', ['-c', 'cat /proc/net/tcp /proc/net/tcp6 2>/dev/null'])
			.catch(() => ({ stdout: '' }));
		const master = (await readFile(join(dir, 'insats.pid'), 'utf8')).trim();
		const fds = await readdir(`/proc/${master}/fd`).catch(() => []);
		const inodes = new Set();
		for (const fd of fds) {
			const l = await (await import('node:fs/promises')).readlink(`/proc/${master}/fd/${fd}`).catch(() => '');
			const m = /^socket:\[(\d+)\]$/.exec(l);
			if (m) inodes.add(m[1]);
		}
		const tcp = ss.split('\n').filter((l) => / 0A /.test(l) && inodes.has(l.trim().split(/\s+/)[9]));
		assert.equal(tcp.length, 0, `the worker listens on no TCP port: ${tcp.join('\n')}`);
	});
});

describe('the stylesheets keep user text out of script and style', () => {
	it('keeps user text out of script and style, with no disable-output-escaping (xsl/)', async () => {
		for (const f of (await readdir(join(REPO, 'xsl'))).filter((x) => x.endsWith('.xsl'))) {
			const x = (await readFile(join(REPO, 'xsl', f), 'utf8')).replace(/<!--[\s\S]*?-->/g, '');
			assert.doesNotMatch(x, /disable-output-escaping\s*=\s*["']yes/, `${f}: disable-output-escaping`);
			assert.doesNotMatch(x, /<(script|style)\b|xsl:element\s+name=["'](script|style)/i, `${f}: script/style element`);
			assert.doesNotMatch(x, /\son[a-z]+\s*=\s*["']/i, `${f}: inline event handler`);
			assert.doesNotMatch(x, /href=["']javascript:/i, `${f}: javascript: link`);
		}
	});
});

describe('a forged identity never becomes a user: wrong passwords, bad headers, Remote-User, dot-segments', { timeout: 120000 }, () => {
	const own = ownStack('integration-security-forged');
	let stack; let dir; let c; let secret; let allRes; let as;
	before(() => ({ stack, dir, c, secret, allRes, as } = own));
	let docId;
	before(async () => {
		await setUpPlan(own);
		({ docId } = own);
	});

	it('refuses forged identities: wrong password, bad headers, Remote-User, dot-segments to /healthz', async () => {
		const b64 = (s) => 'Basic ' + Buffer.from(s).toString('base64');
		for (const auth of [b64('anna:not-the-password'), b64('anna'), b64('anna:'), b64(':demo'),
			'Basic !!!not-base64', 'Bearer anna', b64('anna:demo:x'), 'Basic ' + 'A'.repeat(8000)]) {
			const res = await c.none.get(`/documents/${docId}`, { headers: { Authorization: auth } });
			allRes.push(res);
			status(res, [400, 401], `Authorization: ${auth.slice(0, 40)}`);
			assert.ok(!res.text.includes('Matrisens mål'), 'no document content');
		}
		for (const h of ['Remote-User', 'X-Remote-User', 'X-Forwarded-User', 'Remote_User']) {
			const res = await c.none.get(`/documents/${docId}`, { headers: { [h]: 'anna' } });
			allRes.push(res);
			status(res, 401, `${h}: anna without credentials`);
			const sp = await c.bo.get(`/documents/${docId}`, { headers: { [h]: 'anna' } });
			allRes.push(sp);
			status(sp, 404, `bo with ${h}: anna stays bo`);
		}
		// /healthz is the one place without auth_basic: a forged header there
		// must not become an identity, and dot-segments must not reach other routes.
		// (Sent raw: fetch() would resolve the dot-segments itself.)
		for (const p of [`/healthz/../documents/${docId}`, `/documents/${docId}/../../healthz`,
			`/%68ealthz`, `/static/../documents/${docId}`, `/static/..%2fdocuments/${docId}`,
			`/healthz?x=/documents/${docId}`, `/healthz/`, `//healthz`]) {
			for (const user of ['anna:x', 'anna:demo']) {
				if (user === 'anna:demo' && !p.includes('healthz')) continue;
				const res = await rawGet(stack.port, p, { Authorization: b64(user) });
				const leaked = res.text.includes('Matrisens mål') || res.text.includes('Eva Ek');
				assert.ok(!leaked && (res.status >= 400 || res.text === 'ok\n'),
					`${p} as ${user}: ${res.status} ${textOf(res.text).slice(0, 200)}`);
			}
		}
	});

	itSetsTheSecurityHeaders(own);
});

describe('every route answers every role as the access rules say', { timeout: 300000 }, () => {
	const own = ownStack('integration-security-matrix');
	let stack; let dir; let c; let secret; let allRes; let as;
	before(() => ({ stack, dir, c, secret, allRes, as } = own));
	let routes = []; let evaP; let docId; let draftId;
	before(async () => {
		routes = await listRoutes();
		await setUpPlan(own);
		({ evaP, docId } = own);
		incidentId = own.incidentId;
	});

	it('answers every route × role as the access rules say (matrix from insats routes)', async () => {
		assert.ok(routes.length && docId, 'needs the routes and the plan');
		const tokens = Object.fromEntries(['anna', 'bo', 'karin', 'kalle', 'lena', 'arkiv', 'admin',
			'ghost']
			.map((r) => [r, tokenFor(secret, r)]));
		tokens.spoof = tokens.bo;
		tokens.none = tokens.anna;
		tokens.forged = tokens.anna;
		const rank = (r) => (ORDER.includes(r.key) ? 1 + ORDER.indexOf(r.key) : r.method === 'POST' &&
			!KNOWN[r.key] ? 99 : 0);
		const ordered = [...routes].sort((a, b) => rank(a) - rank(b));
		const table = [];
		const wrong = [];
		const generic = [];
		let stateOk = true;
		for (const r of ordered) {
			const id = KNOWN[r.key]?.id?.() ?? (r.pattern.startsWith('/placements/') ? evaP : docId);
			let path = r.pattern.replace('{id}', id);
			if (r.key === 'GET /documents/new') path += `?placement=${evaP}&kind=plan`;
			else if (KNOWN[r.key]?.query) path += KNOWN[r.key].query;
			if (r.key === 'POST /documents/{id}/approve') {
				// The return cell left D returned: anna submits it again.
				const v = await as('anna', 'GET', `/documents/${docId}`);
				if (/Återremitterad/.test(textOf(v.text)))
					await c.anna.postForm(`/documents/${docId}/submit`, { csrf: tokens.anna });
			}
			const known = !!KNOWN[r.key] || r.isPublic;
			if (!known) generic.push(r.key);
			const roles = [...ROLES].sort((a, b) => {
				const s = (x) => { const e = expected(r.key, x, r.isPublic); return e >= 200 && e < 400 ? 1 : 0; };
				return s(a) - s(b);
			});
			const row = { route: r.key };
			for (const role of roles) {
				let want = expected(r.key, role, r.isPublic);
				if (want === null) {
					// A route the matrix does not know yet: the rules that hold
					// for every route about a placement or document not one's own.
					if (role === 'bo' || role === 'kalle' || role === 'spoof')
						want = /^\/(documents|placements)\/\{id\}/.test(r.pattern) ? [403, 404] : null;
				}
				let res;
				if (r.method === 'POST') {
					const form = { csrf: tokens[role], placement: evaP, kind: 'plan', comment: 'Matrisens kommentar.' };
					if (r.key === 'POST /documents/{id}' && role === 'anna') {
						const ed = await as('anna', 'GET', `/documents/${docId}/edit`);
						const f = parseForm(ed.text, `/documents/${docId}`);
						form.version = f?.get('version') ?? '1';
						for (const [k, v] of f?.entries ?? []) if (!(k in form)) form[k] = v;
						form._action = 'save';
					} else form.version = '1';
					if (want === null && !['none', 'forged', 'ghost'].includes(role)) { row[role] = '-'; continue; }
					res = await as(role, 'POST', path, { form });
				} else {
					if (want === null) { row[role] = '-'; continue; }
					res = await as(role, 'GET', path);
				}
				row[role] = res.status;
				const ok = Array.isArray(want) ? want.includes(res.status) : res.status === want;
				if (!ok) wrong.push(`${r.key} as ${role} (${ROLE_NOTE[role]}): expected ${want}, got ${describeRes(res)}`);
				if (r.key === 'POST /documents/{id}/revise' && role === 'anna' && res.status === 303)
					draftId = /^\/documents\/(\d+)/.exec(res.location ?? '')?.[1];
				if (ORDER.includes(r.key) && res.status >= 200 && res.status < 400 &&
					!['anna', 'karin'].includes(role)) stateOk = false;
			}
			table.push(row);
		}
		const lines = table.map((row) => [row.route.padEnd(32), ...ROLES.map((ro) => String(row[ro] ?? '').padStart(7))].join(''));
		const report = ['route'.padEnd(32) + ROLES.map((r) => r.padStart(7)).join(''), ...lines].join('\n');
		await writeFile(join(REPO, 'build/test-logs/security-matrix.txt'),
			report + (generic.length ? `\n\ncovered by generic rules only: ${generic.join(', ')}\n` : '\n'))
			.catch(() => {});
		assert.equal(wrong.length, 0, `cells with the wrong status:\n${wrong.join('\n')}\n\n${report}`);
		assert.ok(stateOk, 'no one but the owner or the reviewer changed the document');
		assert.ok(draftId, 'the revise cell made revision 2 (a draft)');
		const cells = table.reduce((n, row) => n + ROLES.filter((ro) => typeof row[ro] === 'number').length, 0);
		assert.ok(cells >= 120, `at least 120 cells asserted, ${cells} were`);
		// The audit trail names only anna and karin.
		const actors = await sql(dir, `SELECT DISTINCT u.login FROM events e JOIN users u ON u.id = e.actor_id WHERE e.document_id IN (${docId}, ${draftId})`);
		assert.deepEqual(actors.split('\n').sort(), ['anna', 'karin'], 'actors of the document events');
	});

	itSetsTheSecurityHeaders(own);
});

describe('a POST needs this site, its user\'s CSRF token and a form or XML body', { timeout: 120000 }, () => {
	const own = ownStack('integration-security-csrf');
	let stack; let dir; let c; let secret; let allRes; let as;
	before(() => ({ stack, dir, c, secret, allRes, as } = own));
	let draftId;
	before(async () => {
		await setUpPlan(own);
		draftId = own.docId;
	});

	it('refuses cross-site POSTs, a missing or foreign CSRF token and a wrong content type', async () => {
		assert.ok(draftId, 'needs a draft');
		const before = await sql(dir, `SELECT version || state FROM documents WHERE id = ${draftId}`);
		const tok = tokenFor(secret, 'anna');
		const p = `/documents/${draftId}/submit`;
		const cases = [
			[{ csrf: tok }, { Origin: 'http://evil.example' }, 403, 'Origin of another site'],
			[{ csrf: tok }, { Origin: 'null' }, 403, 'Origin: null'],
			[{ csrf: tok }, { Origin: `http://127.0.0.1:${stack.port}.evil.example` }, 403, 'Origin with our host as a prefix'],
			[{ csrf: tok }, { 'Sec-Fetch-Site': 'cross-site' }, 403, 'Sec-Fetch-Site: cross-site'],
			[{ csrf: tok }, { 'Sec-Fetch-Site': 'same-site' }, 403, 'Sec-Fetch-Site: same-site'],
			[{}, {}, 403, 'no token'],
			[{ csrf: '' }, {}, 403, 'empty token'],
			[{ csrf: tokenFor(secret, 'bo') }, {}, 403, "bo's token"],
			[{ csrf: tokenFor('another secret', 'anna') }, {}, 403, 'a token under another secret'],
			[{ csrf: tok.toUpperCase() }, {}, 403, 'the token in capitals'],
			[{ csrf: tok + '0' }, {}, 403, 'a token one character longer'],
		];
		for (const [form, headers, want, what] of cases) {
			const res = await c.anna.postForm(p, form, { headers });
			allRes.push(res);
			status(res, want, what);
		}
		const body = await readFile(join(REPO, 'tests/data/plan-valid.xml'));
		for (const ct of ['text/plain', 'text/xml', 'multipart/form-data; boundary=x', '', 'application/xmlx']) {
			const res = await c.anna.request('POST', `/documents/${draftId}`, {
				body, headers: { 'Content-Type': ct, Origin: stack.base },
			});
			allRes.push(res);
			status(res, [400, 403, 415], `XML body as Content-Type "${ct}"`);
		}
		const after = await sql(dir, `SELECT version || state FROM documents WHERE id = ${draftId}`);
		assert.equal(after, before, 'nothing changed');
	});

	itSetsTheSecurityHeaders(own);
});

describe('a save from an outdated version is refused (409) with a link to the newer one', { timeout: 120000 }, () => {
	const own = ownStack('integration-security-lost-update');
	let stack; let dir; let c; let secret; let allRes; let as;
	before(() => ({ stack, dir, c, secret, allRes, as } = own));
	let draftId;
	before(async () => {
		await setUpPlan(own);
		draftId = own.docId;
	});

	it('refuses a lost update: the second save from the same version gets 409 with a link to the newer one', async () => {
		assert.ok(draftId, 'needs the draft');
		await run(INSATS, ['user', 'add', 'anna2', '--name', 'Annika Andra', '--role', 'provider',
			'--org', 'Framtid AB', '--db', join(dir, 'insats.db'), '--config', join(dir, 'insats.conf')]);
		await stack.addUser('anna2');
		const anna2 = client(stack, 'anna2');
		const e1 = await c.anna.get(`/documents/${draftId}/edit`);
		const e2 = await anna2.get(`/documents/${draftId}/edit`);
		status(e1, 200, "anna's edit form");
		status(e2, 200, "anna2's edit form");
		const f1 = parseForm(e1.text, `/documents/${draftId}`);
		const f2 = parseForm(e2.text, `/documents/${draftId}`);
		assert.equal(f1.get('version'), f2.get('version'), 'both opened the same version');
		f1.set('goal', 'Annas ändring vinner.');
		f2.set('goal', 'Annikas ändring kommer för sent.');
		const s1 = await c.anna.postForm(`/documents/${draftId}`, f1.press('_action', 'save'));
		status(s1, 303, 'the first save');
		const s2 = await anna2.postForm(`/documents/${draftId}`, f2.press('_action', 'save'));
		allRes.push(s1, s2);
		status(s2, 409, 'the second save from the same version');
		assert.match(textOf(s2.text), /ändrats av någon annan/, 'a message saying why');
		assert.ok(links(s2.text).includes(`/documents/${draftId}`),
			`a link to the newer version: ${links(s2.text).join(' ')}`);
		const xml = await c.anna.get(`/documents/${draftId}?format=xml`);
		assert.ok(decode(xml.text).includes('Annas ändring vinner.'), 'the first save stands');
		assert.ok(!decode(xml.text).includes('Annikas ändring'), 'no silent overwrite');
	});

	itSetsTheSecurityHeaders(own);
});

describe('a hostile document gets a 4xx within 100 ms, as every kind, to a draft and in a form', { timeout: 300000 }, () => {
	const own = ownStack('integration-security-attacks');
	let stack; let dir; let c; let secret; let allRes; let as;
	before(() => ({ stack, dir, c, secret, allRes, as } = own));
	let draftId; let oskarP;
	let canary; let canaryPath; let listener; const hits = [];
	before(async () => {
		await setUpPlan(own);
		draftId = own.docId;
		oskarP = own.oskarP;
		canary = 'CANARY-' + randomBytes(12).toString('hex');
		canaryPath = join(dir, 'canary-secret.txt');
		await writeFile(canaryPath, canary + '\n', { mode: 0o644 });
		listener = createServer((req, res) => { hits.push(req.url); res.end(canary); });
		await new Promise((r) => listener.listen(0, '127.0.0.1', r));
	});
	after(() => {
		listener?.close();
	});

	it('answers every hostile document with a 4xx in < 100 ms, as every kind, to a draft and in a form', async () => {
		assert.ok(draftId && oskarP, 'needs a draft and a placement without documents');
		const files = (await readdir(join(REPO, 'tests/data/attacks'))).filter((f) => !f.endsWith('.md')).sort();
		assert.ok(files.length >= 40, `at least 40 attack documents, found ${files.length}`);
		const kinds = [];
		for (const t of (await readdir(join(REPO, 'schemas/templates'))).filter((f) => f.endsWith('.xml')).sort()) {
			const x = await readFile(join(REPO, 'schemas/templates', t), 'utf8');
			const root = /<([A-Za-z][\w-]*)[\s>/]/.exec(x.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''))?.[1];
			kinds.push({ name: t.replace(/\.xml$/, ''), root });
		}
		assert.ok(kinds.some((k) => k.name === 'plan'), 'the plan kind');
		const ctx = { canary: canaryPath, canaryName: 'canary-secret.txt', http: `http://127.0.0.1:${listener.address().port}` };
		const ws0 = await workers(dir);
		const rss0 = Object.fromEntries(await Promise.all(ws0.map(async (p) => [p, await rssKb(p)])));
		const logBefore = await readFile(join(dir, 'insats.log'), 'utf8');
		const version = await sql(dir, `SELECT version FROM documents WHERE id = ${draftId}`);
		const slow = []; const bad = []; const times = [];
		const auth = { Authorization: 'Basic ' + Buffer.from('anna:demo').toString('base64') };
		async function post(path, body, ctype) {
			let best = null;
			for (let attempt = 0; attempt < 2; attempt++) {
				await pace();
				const t0 = performance.now();
				const r = await realFetch(stack.base + path, {
					method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(15000),
					headers: { ...auth, 'Content-Type': ctype, Origin: stack.base, 'Sec-Fetch-Site': 'same-origin' },
				}).catch((e) => ({ status: 0, headers: new Headers(), text: async () => String(e) }));
				const text = await r.text();
				const ms = performance.now() - t0;
				const res = { status: r.status, headers: r.headers, text, ms, type: r.headers.get('content-type') ?? '' };
				if (best === null || ms < best.ms) best = res;
				if (ms < ATTACK_MS || r.status < 400 || r.status >= 500) break;	// retry only a slow 4xx
			}
			return best;
		}
		let n = 0;
		for (const f of files) {
			const raw = expand(await readFile(join(REPO, 'tests/data/attacks', f)), ctx);
			const targets = [
				...kinds.map((k) => [`/documents?placement=${oskarP}&kind=${k.name}`, asKind(raw, k.root), 'application/xml', `create ${k.name}`]),
				[`/documents/${draftId}`, raw, 'application/xml', 'save to a draft'],
				[`/documents/${draftId}`, Buffer.from(`csrf=${tokenFor(secret, 'anna')}&version=${version}&_action=save&` +
					`goal=${pct(raw.subarray(0, 7000))}&${pct(raw)}=1`), 'application/x-www-form-urlencoded', 'as a form'],
			];
			for (const [path, body, ctype, what] of targets) {
				const res = await post(path, body, ctype);
				n++;
				times.push(res.ms);
				const where = `${f} ${what} (${path})`;
				if (res.status < 400 || res.status >= 500) bad.push(`${where}: status ${res.status} ${textOf(res.text).slice(0, 200)}`);
				if (res.ms >= ATTACK_MS) slow.push(`${where}: ${res.ms.toFixed(1)} ms`);
				if (res.text.includes(canary) || /root:x:0:0/.test(res.text)) bad.push(`${where}: canary in the response`);
				if (/<script>alert/i.test(res.text)) bad.push(`${where}: unescaped script in the response`);
				for (const h of ['content-security-policy', 'x-content-type-options', 'referrer-policy'])
					if (!res.headers.get(h)) bad.push(`${where}: no ${h}`);
			}
		}
		times.sort((a, b) => a - b);
		const p50 = times[Math.floor(times.length / 2)]; const p95 = times[Math.floor(times.length * 0.95)];
		const ws1 = await workers(dir);
		const rss1 = Object.fromEntries(await Promise.all(ws1.map(async (p) => [p, await rssKb(p)])));
		const log = (await readFile(join(dir, 'insats.log'), 'utf8')).slice(logBefore.length);
		const dump = (await run('sqlite3', [join(dir, 'insats.db'), '.dump'], { maxBuffer: 256 << 20 })).stdout;
		const summary = `${files.length} documents, ${n} requests; ms p50 ${p50.toFixed(1)}, p95 ${p95.toFixed(1)}, ` +
			`max ${times[times.length - 1].toFixed(1)}; workers ${ws0.join(',')} -> ${ws1.join(',')}; ` +
			`RSS kB ${JSON.stringify(rss0)} -> ${JSON.stringify(rss1)}; listener hits ${hits.length}`;
		await writeFile(join(REPO, 'build/test-logs/security-attacks.txt'), summary + '\n').catch(() => {});
		console.log(`# attacks: ${summary}`);
		assert.equal(bad.length, 0, `attacks not refused cleanly:\n${bad.join('\n')}`);
		assert.equal(slow.length, 0, `attacks answered in ${ATTACK_MS} ms or more (best of 2):\n${slow.join('\n')}`);
		assert.deepEqual(hits, [], 'no request reached the HTTP listener');
		assert.ok(!dump.includes(canary) && !dump.includes('root:x:0:0'), 'no canary content in the database');
		assert.equal(await sql(dir, `SELECT version FROM documents WHERE id = ${draftId}`), version, 'the draft is unchanged');
		assert.equal(await sql(dir, `SELECT count(*) FROM documents WHERE placement_id = ${oskarP}`), '0', 'nothing created');
		assert.deepEqual(ws1, ws0, 'the same worker processes: none died');
		assert.ok(!/restarting|AddressSanitizer|runtime error/.test(log), `no worker restart in the master log:\n${log.slice(-2000)}`);
		for (const p of ws1) {
			assert.ok(rss1[p] < 256 * 1024, `worker ${p} RSS ${rss1[p]} kB below the 256 MB RLIMIT_AS`);
			assert.ok(rss1[p] - (rss0[p] ?? 0) < 64 * 1024, `worker ${p} grew by less than 64 MB (${rss0[p]} -> ${rss1[p]} kB)`);
		}
	});

	itSetsTheSecurityHeaders(own);
});

describe('every response carries the security headers: pages, errors, nginx errors, static files', { timeout: 120000 }, () => {
	const own = ownStack('integration-security-headers');
	let stack; let dir; let c; let secret; let allRes; let as;
	before(() => ({ stack, dir, c, secret, allRes, as } = own));
	let docId;
	// Responses of every status the test looks for: 200, 303 (the plan's
	// save), 401, 403, 404, 405, 409 and 413.
	before(async () => {
		await setUpPlan(own);
		docId = own.docId;
		status(await c.none.get('/'), 401, 'no login');
		status(await c.anna.postForm(`/documents/${docId}/submit`, {}), 403, 'no CSRF token');
		const ed = parseForm((await c.anna.get(`/documents/${docId}/edit`)).text, `/documents/${docId}`);
		status(await c.anna.postForm(`/documents/${docId}`, ed.press('_action', 'save')), 303, 'a save');
		status(await c.anna.postForm(`/documents/${docId}`, ed.press('_action', 'save')), 409, 'a stale save');
	});

	it('sets the security headers on every response: pages, errors, nginx errors, static files', async () => {
		const extra = [
			await c.none.get('/healthz'),
			await c.none.get('/static/insats.css'),
			await c.none.get('/static/no-such-file.css'),
			await c.anna.get('/no/such/page'),
			await c.anna.request('DELETE', '/'),
			await c.anna.request('POST', `/documents/${docId}`, {
				body: 'x'.repeat(1100000), headers: { 'Content-Type': 'application/xml' } }),
		];
		status(extra[1], 200, 'a static file');
		status(extra[5], 413, 'a body over the limit');
		const seen = [...allRes, ...stack.responses, ...extra];
		const statuses = checkSecurityHeaders(seen);
		for (const s of [200, 303, 401, 403, 404, 405, 409, 413])
			assert.ok(statuses.has(s), `a ${s} response was checked (seen: ${[...statuses].sort().join(' ')})`);
	});
});

describe('nginx answers 429 to a burst per user and per address, and forged logins use up no real user\'s quota', { timeout: 120000 }, () => {
	const own = ownStack('integration-security-rate-limit');
	let stack; let dir; let c; let secret; let allRes; let as;
	before(() => ({ stack, dir, c, secret, allRes, as } = own));

	it('answers 429 to a burst per user and per address; forged logins do not use up a real user\'s quota', async () => {
		paceMs = 0;
		const b64 = (s) => 'Basic ' + Buffer.from(s).toString('base64');
		async function burst(n, path, headers) {
			const out = [];
			const one = async () => {
				const r = await realFetch(stack.base + path, { headers, redirect: 'manual', signal: AbortSignal.timeout(15000) });
				await r.arrayBuffer();
				out.push(r);
			};
			for (let i = 0; i < n; i += 25) await Promise.all(Array.from({ length: Math.min(25, n - i) }, one));
			return out;
		}
		await sleep(5000);	// the earlier tests' requests leave the buckets
		const forged = await burst(130, '/', { Authorization: b64('anna:wrong') });
		assert.ok(forged.some((r) => r.status === 429), `forged logins are limited too: ${[...new Set(forged.map((r) => r.status))]}`);
		const real = await c.anna.get('/');
		status(real, 200, 'the real anna right after 130 forged "anna" logins');
		await sleep(5000);
		const user = await burst(140, '/healthz', { Authorization: b64('anna:demo') });
		const u429 = user.filter((r) => r.status === 429);
		assert.ok(u429.length > 0, `a burst of 140 by one user meets 429: ${[...new Set(user.map((r) => r.status))]}`);
		for (const r of u429) {
			assert.equal(r.headers.get('content-security-policy'), CSP, 'CSP on 429');
			assert.equal(r.headers.get('cache-control'), 'no-store', 'no-store on 429');
		}
		const other = await c.bo.get('/');
		status(other, 200, 'another user from the same address right after');
		await sleep(5000);
		const addr = await burst(500, '/static/insats.css', {});
		const a429 = addr.filter((r) => r.status === 429).length;
		assert.ok(a429 > 0, `500 requests from one address meet 429 (${a429} did)`);
		paceMs = 30;
	});
});
