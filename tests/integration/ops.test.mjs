// Operations (issue 8): make install, configuration errors, request logs
// without personal data, request ids on error pages, SIGHUP reloads under
// load (also with a broken stylesheet), migrations against a newer database,
// online backup, restore, and purge on a restored backup.
// Needs build/insats, nginx, sqlite3 and make; runs its own worker (talking
// FastCGI to it directly) besides the nginx stack of lib.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import {
	mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync, statSync, copyFileSync,
	cpSync, openSync, writeSync, closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO, startStack, client, parseForm } from './lib.mjs';

const BIN = process.env.INSATS_BIN || path.join(REPO, 'build/insats');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function insats(args, opts = {}) {
	const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 60000, ...opts });
	if (r.error) throw r.error;
	return r;
}

function sqlite(db, sql) {
	const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8', timeout: 30000 });
	if (r.error) throw r.error;
	assert.equal(r.status, 0, `sqlite3 ${sql}: ${r.stderr}`);
	return r.stdout.trim();
}

/** The demo customers' names and numbers in every spelling a log could hold. */
function personalStrings(db) {
	const out = [];
	for (const line of sqlite(db, 'SELECT pnr, name FROM customers').split('\n')) {
		const [pnr, name] = line.split('|');
		const digits = pnr.replace(/\D/g, '');
		out.push(pnr, digits, `${digits.slice(2, 8)}-${digits.slice(8)}`, digits.slice(2), name,
			name.replace(/ /g, '+'), name.replace(/ /g, '%20'));
	}
	return out;
}

// ------------------------------------------------------------ FastCGI --

function record(type, body) {
	const pad = (8 - (body.length % 8)) % 8;
	const h = Buffer.from([1, type, 0, 1, body.length >> 8, body.length & 255, pad, 0]);
	return Buffer.concat([h, body, Buffer.alloc(pad)]);
}

function nvLen(n) {
	return n < 128 ? Buffer.from([n]) : Buffer.from([(n >>> 24) | 128, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/**
 * One FastCGI GET to the worker's socket, as nginx would send it.  Resolves
 * { status, id, body }; rejects when the connection ends without a complete
 * response (what nginx would answer 502 to).
 */
function fcgiGet(sock, uri, user = '') {
	const params = {
		REQUEST_METHOD: 'GET', REQUEST_URI: uri, DOCUMENT_URI: uri.split('?')[0],
		QUERY_STRING: uri.includes('?') ? uri.split('?')[1] : '', SCRIPT_NAME: uri.split('?')[0],
		SERVER_PROTOCOL: 'HTTP/1.1', REMOTE_ADDR: '127.0.0.1', SERVER_NAME: 'localhost',
		SERVER_PORT: '80', HTTP_HOST: 'localhost', REMOTE_USER: user, HTTP_ACCEPT: 'text/html',
		CONTENT_LENGTH: '', CONTENT_TYPE: '',
	};
	const pairs = Object.entries(params).map(([k, v]) => {
		const kb = Buffer.from(k);
		const vb = Buffer.from(v);
		return Buffer.concat([nvLen(kb.length), nvLen(vb.length), kb, vb]);
	});
	const msg = Buffer.concat([
		record(1, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0])),
		record(4, Buffer.concat(pairs)), record(4, Buffer.alloc(0)), record(5, Buffer.alloc(0)),
	]);
	return new Promise((resolve, reject) => {
		const s = connect(sock);
		let buf = Buffer.alloc(0);
		const out = [];
		let ended = false;
		s.setTimeout(15000, () => s.destroy(new Error('timeout')));
		s.on('connect', () => s.write(msg));
		s.on('data', (d) => {
			buf = Buffer.concat([buf, d]);
			while (buf.length >= 8) {
				const len = buf.readUInt16BE(4);
				const total = 8 + len + buf[6];
				if (buf.length < total) break;
				if (buf[1] === 6) out.push(buf.subarray(8, 8 + len));
				if (buf[1] === 3) ended = true;
				buf = buf.subarray(total);
			}
			if (ended) s.end();
		});
		s.on('error', reject);
		s.on('close', () => {
			if (!ended) return reject(new Error(`connection closed without a response for ${uri}`));
			const text = Buffer.concat(out).toString('utf8');
			const head = text.slice(0, text.indexOf('\r\n\r\n'));
			const status = Number((/^Status: (\d+)/m.exec(head) ?? [])[1] ?? 200);
			const id = (/^X-Request-Id: (\S+)/m.exec(head) ?? [])[1] ?? null;
			resolve({ status, id, body: text.slice(head.length + 4) });
		});
	});
}

/** The worker pid inside a request id "r-<hex pid>-<hex counter>". */
const pidOf = (id) => parseInt(/^r-([0-9a-f]+)-/.exec(id ?? '')?.[1] ?? 'NaN', 16);

async function waitFor(cond, what, ms = 10000) {
	const end = Date.now() + ms;
	for (;;) {
		if (await cond()) return;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(50);
	}
}

/** Our own `insats serve`, without nginx (run in cwd, default ours). */
async function startServe(conf, sock, log, cwd = undefined) {
	const fd = openSync(log, 'a');
	const child = spawn(BIN, ['serve', '--config', conf], { stdio: ['ignore', fd, fd], cwd });
	closeSync(fd);
	const exited = new Promise((r) => child.on('exit', (code, sig) => r({ code, sig })));
	child.exited = exited;
	await waitFor(async () => {
		if (child.exitCode !== null) throw new Error(`serve exited: ${readFileSync(log, 'utf8')}`);
		try { return (await fcgiGet(sock, '/healthz')).status === 200; } catch { return false; }
	}, 'the worker to answer /healthz');
	return child;
}

async function stopServe(child) {
	if (!child || child.exitCode !== null) return child?.exitCode;
	child.kill('SIGTERM');
	const r = await Promise.race([child.exited, sleep(15000).then(() => null)]);
	if (r === null) {
		child.kill('SIGKILL');
		throw new Error('serve did not stop on SIGTERM within 15 s');
	}
	return r.code;
}

/**
 * `parallel` loops of requests until `count` each are done; returns every
 * result ({ status } or { error }).  `pace` ms between a loop's requests.
 */
async function load(fn, { parallel, count, pace = 0 }) {
	const results = [];
	await Promise.all(Array.from({ length: parallel }, async (_, p) => {
		for (let i = 0; i < count; i++) {
			try {
				results.push(await fn(p, i));
			} catch (e) {
				results.push({ status: 0, error: String(e) });
			}
			if (pace) await sleep(pace);
		}
	}));
	return results;
}

/** Sends n SIGHUPs to pid, every gap ms. */
async function hups(pid, n, gap) {
	for (let i = 0; i < n; i++) {
		await sleep(gap);
		process.kill(pid, 'SIGHUP');
	}
}

/**
 * n SIGHUPs, each after the reload before it is logged: a signal that
 * comes while the master reloads is folded into that reload (one signal
 * pending), so on a busy machine n quick signals may make fewer reloads.
 */
async function hupsEachReloaded(pid, n, gap, log) {
	const reloads = () => (readFileSync(log, 'utf8').match(/reloaded stylesheets/g) ?? []).length;
	const first = reloads();
	for (let i = 0; i < n; i++) {
		await sleep(gap);
		process.kill(pid, 'SIGHUP');
		await waitFor(() => reloads() >= first + i + 1, `reload ${i + 1}`);
	}
}

/** Moves every record about Eva Ek (not in the research sample) to January 2020. */
const EVA = "(SELECT id FROM customers WHERE pnr = '19850312-2387')";
const EVA_PL = `(SELECT id FROM placements WHERE customer_id = ${EVA})`;
const EVA_DOCS = `(SELECT id FROM documents WHERE placement_id IN ${EVA_PL})`;
const OLD = "'2020-01-10T10:00:00Z'";
const AGE_EVA = [
	`UPDATE events SET at = ${OLD} WHERE customer_id = ${EVA} OR placement_id IN ${EVA_PL}` +
		` OR document_id IN ${EVA_DOCS}`,
	`UPDATE document_versions SET saved_at = ${OLD} WHERE document_id IN ${EVA_DOCS}`,
	`UPDATE documents SET created_at = ${OLD}, updated_at = ${OLD} WHERE id IN ${EVA_DOCS}`,
	`UPDATE placements SET created_at = ${OLD}, start_date = '2019-10-07', end_date = '2020-01-06'` +
		` WHERE customer_id = ${EVA}`,
	`UPDATE customers SET created_at = ${OLD} WHERE id = ${EVA}`,
].join('; ');

const KV_LINE = /^[a-z_]+=("[^"\n]*"|[^\s"]+)( [a-z_]+=("[^"\n]*"|[^\s"]+))*$/;

function checkLogLines(text, where) {
	const lines = text.split('\n').filter((l) => l !== '');
	for (const l of lines) assert.match(l, KV_LINE, `${where}: not a key=value line: ${l}`);
	return lines;
}

// ------------------------------------------------------------------ tests --

/** A fresh directory for the enclosing describe() block; returns { dir }, removed after it. */
function ownDirectory() {
	const own = { dir: null };
	before(() => {
		assert.ok(existsSync(BIN), `${BIN} is missing: run make build/insats`);
		own.dir = mkdtempSync(path.join(tmpdir(), 'insats-ops-'));
	});
	after(() => {
		if (own.dir && !process.env.INSATS_KEEP) rmSync(own.dir, { recursive: true, force: true });
	});
	return own;
}

describe('make install puts every file in place with its mode, and keeps an edited configuration', () => {
	const own = ownDirectory();
	let work;
	before(() => { work = own.dir; });

	it('installs the binary, views, schemas, configuration, nginx files and units', () => {
		const dest = path.join(work, 'stage');
		const r = spawnSync('make', ['-s', '-o', 'build/insats', 'install', `DESTDIR=${dest}`, 'PREFIX=/usr'],
			{ cwd: REPO, encoding: 'utf8', timeout: 120000 });
		assert.equal(r.status, 0, `make install: ${r.stdout}${r.stderr}`);
		const want = {
			'usr/bin/insats': 0o755,
			'usr/share/insats/xsl/page.xsl': 0o644,
			'usr/share/insats/xsl/error.xsl': 0o644,
			'usr/share/insats/schemas/plan.xsd': 0o644,
			'usr/share/insats/catalogue.tsv': 0o644,
			'etc/insats/insats.conf': 0o644,
			'etc/nginx/sites-available/insats': 0o644,
			'etc/nginx/conf.d/insats-http.conf': 0o644,
			'etc/nginx/snippets/insats-security-headers.conf': 0o644,
			'lib/systemd/system/insats.service': 0o644,
			'lib/systemd/system/insats-backup.service': 0o644,
			'lib/systemd/system/insats-backup.timer': 0o644,
			'usr/lib/tmpfiles.d/insats.conf': 0o644,
		};
		for (const [f, mode] of Object.entries(want)) {
			const p = path.join(dest, f);
			assert.ok(existsSync(p), `${f} installed`);
			assert.equal(statSync(p).mode & 0o777, mode, `${f} mode ${mode.toString(8)}`);
		}
		assert.ok(existsSync(path.join(dest, 'usr/share/insats/xsl/static')), 'xsl/static installed');
		const conf = readFileSync(path.join(dest, 'etc/insats/insats.conf'), 'utf8');
		assert.match(conf, /^xsl_dir\s*=\s*\/usr\/share\/insats\/xsl$/m);
		assert.match(conf, /^schema_dir\s*=\s*\/usr\/share\/insats\/schemas$/m);
		assert.match(conf, /^catalogue\s*=\s*\/usr\/share\/insats\/catalogue.tsv$/m);
		assert.doesNotMatch(conf, /\/usr\/local/);
		// The installed binary accepts the installed configuration.
		const c = insats(['calendar', '2026', '--config', path.join(dest, 'etc/insats/insats.conf')],
			{ env: { ...process.env } });
		assert.equal(c.status, 0, `installed config rejected: ${c.stderr}`);
		const site = readFileSync(path.join(dest, 'etc/nginx/sites-available/insats'), 'utf8');
		assert.doesNotMatch(site, /@[A-Z]+@/, 'no placeholder left in the site file');
		assert.match(site, /fastcgi_pass unix:\/run\/insats\/insats.sock;/);
		assert.match(site, /alias \/usr\/share\/insats\/xsl\/static\/;/);
		assert.match(site, /location = \/healthz/);
		const unit = readFileSync(path.join(dest, 'lib/systemd/system/insats.service'), 'utf8');
		assert.match(unit, /^ExecStart=\/usr\/bin\/insats serve --config \/etc\/insats\/insats.conf$/m);
		assert.match(unit, /^ExecReload=\/bin\/kill -HUP \$MAINPID$/m);
		for (const k of ['User=insats', 'NoNewPrivileges=yes', 'ProtectSystem=strict',
			'ReadWritePaths=/var/lib/insats', 'RuntimeDirectory=insats', 'PrivateTmp=yes',
			'ProtectHome=yes', 'RestrictAddressFamilies=AF_UNIX', 'SystemCallFilter=@system-service'])
			assert.ok(unit.split('\n').includes(k), `insats.service has ${k}`);
		assert.match(unit, /^MemoryMax=/m);
		// nginx accepts the installed files as they stand.
		const ng = path.join(work, 'ngtest');
		spawnSync('mkdir', ['-p', ng]);
		writeFileSync(path.join(dest, 'etc/nginx/nginx-test.conf'), [
			`pid ${ng}/nginx.pid;`, `error_log ${ng}/error.log;`, 'events {}', 'http {',
			`  client_body_temp_path ${ng}/body; fastcgi_temp_path ${ng}/fcgi;`,
			`  proxy_temp_path ${ng}/proxy; uwsgi_temp_path ${ng}/uwsgi; scgi_temp_path ${ng}/scgi;`,
			'  include conf.d/insats-http.conf;', '  include sites-available/insats;', '}', ''].join('\n'));
		const t = spawnSync('nginx', ['-t', '-q', '-c', path.join(dest, 'etc/nginx/nginx-test.conf')],
			{ encoding: 'utf8' });
		assert.equal(t.status, 0, `nginx -t on the installed site: ${t.stderr}`);
		// A second install keeps the edited configuration.
		writeFileSync(path.join(dest, 'etc/insats/insats.conf'), `${conf}\n# edited\n`);
		const again = spawnSync('make', ['-s', '-o', 'build/insats', 'install', `DESTDIR=${dest}`, 'PREFIX=/usr'],
			{ cwd: REPO, encoding: 'utf8', timeout: 120000 });
		assert.equal(again.status, 0, again.stderr);
		assert.match(readFileSync(path.join(dest, 'etc/insats/insats.conf'), 'utf8'), /# edited/);
		assert.ok(existsSync(path.join(dest, 'etc/insats/insats.conf.dist')), 'the new one beside it');
	});
});

describe('serve does not start on a bad configuration or a database newer than the binary', () => {
	const own = ownDirectory();
	let dir;
	before(() => {
		dir = own.dir;
	});

	function serveWith(lines) {
		const conf = path.join(dir, `c${Math.random().toString(36).slice(2)}.conf`);
		writeFileSync(conf, lines.join('\n') + '\n');
		return { conf, r: insats(['serve', '--config', conf], { timeout: 20000 }) };
	}

	it('an unknown key stops serve with file:line', () => {
		const { conf, r } = serveWith(['# test', `database = ${dir}/x.db`, 'colour = blue']);
		assert.notEqual(r.status, 0);
		assert.match(r.stderr, new RegExp(`${conf.replace(/[.]/g, '\\.')}:3: unknown key "colour"`));
	});

	it('a bad value stops serve with file:line and what is wrong', () => {
		const { conf, r } = serveWith([`database = ${dir}/x.db`, 'workers = many']);
		assert.notEqual(r.status, 0);
		assert.match(r.stderr, new RegExp(`${conf.replace(/[.]/g, '\\.')}:2: workers: not a number`));
		const { conf: c2, r: r2 } = serveWith(['workers = 0']);
		assert.notEqual(r2.status, 0);
		assert.match(r2.stderr, new RegExp(`${c2.replace(/[.]/g, '\\.')}:1: workers: number out of range`));
		const { conf: c3, r: r3 } = serveWith(['log_level = loud']);
		assert.notEqual(r3.status, 0);
		assert.match(r3.stderr, new RegExp(`${c3.replace(/[.]/g, '\\.')}:1: log_level: must be`));
	});

	it('a missing configuration file stops serve naming the file', () => {
		const missing = path.join(dir, 'nope.conf');
		const r = insats(['serve', '--config', missing]);
		assert.notEqual(r.status, 0);
		assert.match(r.stderr, new RegExp(`${missing.replace(/[.]/g, '\\.')}: No such file`));
	});

	it('serve refuses a database newer than the binary', () => {
		const db = path.join(dir, 'newer.db');
		const conf = path.join(dir, 'newer.conf');
		writeFileSync(conf, `database = ${db}\nsocket = ${dir}/n.sock\ncatalogue = ${REPO}/conf/catalogue.tsv\n` +
			`xsl_dir = ${REPO}/xsl\nschema_dir = ${REPO}/schemas\n`);
		assert.equal(insats(['init', '--config', conf]).status, 0);
		sqlite(db, 'PRAGMA user_version = 999');
		const r = insats(['serve', '--config', conf], { timeout: 20000 });
		assert.notEqual(r.status, 0, 'serve must exit non-zero');
		assert.match(r.stderr, /newer/);
		assert.equal(sqlite(db, 'PRAGMA user_version'), '999', 'the database is left alone');
		assert.ok(!existsSync(`${dir}/n.sock`), 'no socket was opened');
	});
});

describe('serve run from the source tree finds xsl/ and schemas/ when the configured directories are missing', () => {
	const own = ownDirectory();
	let conf; let sock; let log; let serve;
	before(() => {
		sock = path.join(own.dir, 's.sock');
		log = path.join(own.dir, 'serve.log');
		conf = path.join(own.dir, 'insats.conf');
		// No xsl_dir, schema_dir nor catalogue: their defaults under /usr/local do not exist.
		writeFileSync(conf, [`database = ${own.dir}/insats.db`, `socket = ${sock}`, 'socket_mode = 0600',
			'workers = 1', ''].join('\n'));
		const init = insats(['init', '--demo', '--config', conf], { cwd: REPO });
		assert.equal(init.status, 0, init.stderr);
	});
	after(async () => {
		await stopServe(serve).catch(() => {});
	});

	it('serves pages and plan forms with the views and schemas of the working directory, and says so', async () => {
		serve = await startServe(conf, sock, log, REPO);
		const start = await fcgiGet(sock, '/', 'karin');
		assert.equal(start.status, 200, start.body.slice(0, 300));
		assert.match(start.body, /<html\b[^>]*lang="sv"/, 'rendered by xsl/page.xsl');
		const pl = sqlite(path.join(own.dir, 'insats.db'), "SELECT p.id FROM placements p JOIN customers c" +
			" ON c.id = p.customer_id WHERE c.name = 'Eva Ek'");
		const form = await fcgiGet(sock, `/documents/new?placement=${pl}&kind=plan`, 'anna');
		assert.equal(form.status, 200, form.body.slice(0, 300));
		assert.match(form.body, /name="goal"/, 'the plan form from schemas/templates');
		const text = readFileSync(log, 'utf8');
		assert.ok(text.includes(`using ${path.join(REPO, 'xsl')} (xsl_dir)`), text.slice(0, 600));
		assert.ok(text.includes(`using ${path.join(REPO, 'schemas')} (schema_dir)`), text.slice(0, 600));
		await stopServe(serve);
	});

	it('refuses to start elsewhere, naming the configured directory it cannot read', () => {
		const r = insats(['serve', '--config', conf], { cwd: own.dir, timeout: 20000 });
		assert.notEqual(r.status, 0, 'serve must exit non-zero');
		assert.match(r.stderr, /\/usr\/local\/share\/insats\/(xsl|schemas)/);
		assert.ok(!existsSync(sock), 'no socket was opened');
	});
});

describe('/healthz answers ok without a login', () => {
	let stack;
	before(async () => {
		stack = await startStack('integration-ops-healthz');
	});
	after(async () => {
		await stack?.stop();
	});

	it('/healthz says ok without authentication', async () => {
		const r = await client(stack, null).get('/healthz');
		assert.equal(r.status, 200);
		assert.equal(r.text, 'ok\n');
	});
});

describe('an error page shows the request id of its log line', () => {
	let stack;
	let anna;
	before(async () => {
		stack = await startStack('integration-ops-request-id');
		anna = client(stack, 'anna');
	});
	after(async () => {
		await stack?.stop();
	});

	it('an error page shows the request id of its log line', async () => {
		const r = await anna.get('/documents/999999999');
		assert.equal(r.status, 404);
		const id = r.headers.get('x-request-id');
		assert.match(id ?? '', /^r-[0-9a-f]+-[0-9a-f]+$/);
		assert.ok(r.text.includes(id), 'the error page shows the request id');
		await waitFor(() => readFileSync(path.join(stack.dir, 'insats.log'), 'utf8').includes(`id=${id} `),
			'the log line', 5000);
		const line = readFileSync(path.join(stack.dir, 'insats.log'), 'utf8').split('\n')
			.find((l) => l.includes(`id=${id} `));
		assert.match(line, /user=anna role=provider method=GET route=\/documents\/\{id\} status=404 us=\d+$/);
	});
});

describe('a SIGHUP under load answers every request, and new workers serve', () => {
	let stack;
	let anna;
	let karin;
	let nobody;
	before(async () => {
		stack = await startStack('integration-ops-sighup');
		anna = client(stack, 'anna');
		karin = client(stack, 'karin');
		nobody = client(stack, null);
	});
	after(async () => {
		await stack?.stop();
	});

	it('SIGHUP under load: every request answered, new workers serve', async () => {
		const master = Number(readFileSync(path.join(stack.dir, 'insats.pid'), 'utf8'));
		const before = new Set();
		for (let i = 0; i < 6; i++) before.add(pidOf((await anna.get('/')).headers.get('x-request-id')));
		const users = [anna, karin, nobody, anna];
		const paths = ['/', '/', '/healthz', '/healthz'];
		// nginx limits a client address to 50 requests/s (burst 200): stay under it.
		const [res] = await Promise.all([
			load(async (p) => {
				const r = await users[p].get(paths[p]);
				return { status: r.status, id: r.headers.get('x-request-id') };
			}, { parallel: 4, count: 40, pace: 80 }),
			hups(master, 4, 600),
		]);
		const bad = res.filter((r) => r.status !== 200);
		assert.equal(bad.length, 0, `failed during reloads: ${JSON.stringify(bad.slice(0, 5))}`);
		assert.equal(res.length, 160);
		await sleep(300);
		const afterPids = new Set();
		for (let i = 0; i < 6; i++) afterPids.add(pidOf((await anna.get('/')).headers.get('x-request-id')));
		for (const p of afterPids) assert.ok(!before.has(p), `worker ${p} is of a new generation`);
		const log = readFileSync(path.join(stack.dir, 'insats.log'), 'utf8');
		assert.equal(log.match(/msg="reloaded stylesheets and schemas"/g)?.length, 4, 'four reloads logged');
	});
});

describe('the request log has one key=value line per request and no personal data', () => {
	let stack;
	let anna;
	let karin;
	let nobody;
	before(async () => {
		stack = await startStack('integration-ops-log');
		anna = client(stack, 'anna');
		karin = client(stack, 'karin');
		nobody = client(stack, null);
	});
	after(async () => {
		await stack?.stop();
	});

	it('pages as anna and karin, with a plan naming the customer', async () => {
		for (const c of [anna, karin]) {
			const start = await c.get('/');
			assert.equal(start.status, 200, `${c.user} start page`);
			for (const m of start.text.matchAll(/href="(\/placements\/\d+)"/g)) await c.get(m[1]);
			for (const m of start.text.matchAll(/href="(\/documents\/\d+)"/g)) await c.get(m[1]);
		}
		const start = await anna.get('/');
		const m = /\/documents\/new\?placement=(\d+)(?:&amp;|&)kind=plan/.exec(start.text);
		assert.ok(m, 'anna can start a plan');
		const page = await anna.get(`/documents/new?placement=${m[1]}&kind=plan`);
		assert.equal(page.status, 200);
		const form = parseForm(page.text, '/documents');
		assert.ok(form, 'the plan form');
		for (const n of form.names()) if (/signedBy$/.test(n)) form.set(n, 'Eva Ek');
		if (form.has('goal')) form.set('goal', 'Eva Ek 19850312-2387 ska nå arbete');
		const saved = await anna.postForm('/documents', form.press('_action', 'save'));
		assert.ok([200, 303, 422].includes(saved.status), `save: ${saved.status}`);
		if (saved.location) await anna.get(saved.location);
	});

	it('answers a hundred more requests of every user, logged or not', async () => {
		// nginx limits a client address to 50 requests/s (burst 200): stay under it.
		const users = [anna, karin, nobody, anna];
		const paths = ['/', '/', '/healthz', '/documents/999999999'];
		const res = await load(async (p) => ({ status: (await users[p].get(paths[p])).status }),
			{ parallel: 4, count: 30, pace: 80 });
		assert.deepEqual([...new Set(res.map((r) => r.status))].sort(), [200, 404]);
	});

	it('the log: key=value lines, one per request, no personal data', async () => {
		const log = readFileSync(path.join(stack.dir, 'insats.log'), 'utf8');
		const lines = checkLogLines(log, 'insats.log');
		const requests = lines.filter((l) => l.startsWith('time='));
		for (const l of requests)
			assert.match(l, /^time=\S+ id=r-[0-9a-f]+-[0-9a-f]+ user=\S+ role=\S+ method=[A-Z]+ route=\S+ status=\d{3} us=\d+$/);
		// Route patterns, never raw URLs.
		for (const l of requests) assert.doesNotMatch(l, /route=\S*\/\d/, `raw URL in ${l}`);
		const ids = new Set(requests.map((l) => /id=(\S+)/.exec(l)[1]));
		const answered = stack.responses.map((r) => r.headers.get('x-request-id')).filter(Boolean);
		assert.ok(answered.length > 100);
		for (const id of answered) assert.ok(ids.has(id), `a log line for request ${id}`);
		const secrets = personalStrings(path.join(stack.dir, 'insats.db'));
		assert.ok(secrets.includes('Eva Ek'));
		const files = [path.join(stack.dir, 'insats.log'), path.join(stack.dir, 'nginx-error.log')];
		// The worker logs other suites of this run saved so far.
		const logs = path.join(REPO, 'build/test-logs');
		if (existsSync(logs))
			for (const f of spawnSync('ls', [logs], { encoding: 'utf8' }).stdout.split('\n'))
				if (/insats\.log$/.test(f)) files.push(path.join(logs, f));
		for (const f of files) {
			if (!existsSync(f)) continue;
			const text = readFileSync(f, 'utf8');
			for (const s of secrets)
				assert.ok(!text.includes(s), `${path.basename(f)} contains personal data (${s.slice(0, 3)}…)`);
		}
	});
});

/**
 * Our own worker (no nginx) for the enclosing describe() block: a demo
 * database, a copy of xsl/ to break, log_level = debug.  Returns the
 * block's state { dir, conf, sock, log, db, serve }; the worker is stopped
 * and the directory removed after the block.
 */
function ownWorker() {
	const w = {};
	before(async () => {
		w.dir = mkdtempSync(path.join(tmpdir(), 'insats-ops-'));
		w.sock = path.join(w.dir, 's.sock');
		w.log = path.join(w.dir, 'serve.log');
		w.db = path.join(w.dir, 'insats.db');
		cpSync(path.join(REPO, 'xsl'), path.join(w.dir, 'xsl'), { recursive: true });
		w.conf = path.join(w.dir, 'insats.conf');
		writeFileSync(w.conf, [
			`database = ${w.db}`, `socket = ${w.sock}`, 'socket_mode = 0600', 'workers = 2',
			`xsl_dir = ${w.dir}/xsl`, `schema_dir = ${REPO}/schemas`, `catalogue = ${REPO}/conf/catalogue.tsv`,
			'log_level = debug', ''].join('\n'));
		const init = insats(['init', '--demo', '--config', w.conf]);
		assert.equal(init.status, 0, init.stderr);
		w.serve = await startServe(w.conf, w.sock, w.log);
	});
	after(async () => {
		await stopServe(w.serve).catch(() => {});
		if (w.dir && !process.env.INSATS_KEEP) rmSync(w.dir, { recursive: true, force: true });
	});
	return w;
}

/** The last test of an own-worker block: its serve.log, whole. */
function itLogsOnlyKeyValueLinesWithoutPersonalData(w) {
	it('writes only key=value lines, none with personal data, to its log', () => {
		const all = readFileSync(w.log, 'utf8');
		const lines = checkLogLines(all, 'serve.log');
		assert.ok(lines.length > 0, 'a log to look at');
		for (const s of personalStrings(w.db)) assert.ok(!all.includes(s), 'no personal data');
	});
}

describe('many SIGHUP reloads under unthrottled load lose no request', () => {
	const w = ownWorker();
	let sock; let serve; let log;
	before(() => ({ sock, serve, log } = w));
	const hit = (p) => fcgiGet(sock, p % 2 ? '/healthz' : '/', p % 2 ? '' : 'karin');

	it('many reloads under unthrottled load lose no request', async () => {
		const [res] = await Promise.all([
			load(hit, { parallel: 6, count: 120 }),
			hupsEachReloaded(serve.pid, 6, 150, log),
		]);
		const bad = res.filter((r) => r.status !== 200);
		assert.equal(bad.length, 0, `failed: ${JSON.stringify(bad.slice(0, 5))}`);
		await waitFor(() => (readFileSync(log, 'utf8').match(/reloaded stylesheets/g) ?? []).length === 6,
			'six reloads');
		assert.match(readFileSync(log, 'utf8'), /level=debug msg="worker started"/, 'debug lines at debug');
	});

	itLogsOnlyKeyValueLinesWithoutPersonalData(w);
});

describe('a reload with a broken stylesheet is refused and logged, and the old workers keep serving', () => {
	const w = ownWorker();
	let dir; let sock; let serve; let log;
	before(() => ({ dir, sock, serve, log } = w));

	it('a broken stylesheet: the reload is refused and logged, the old workers keep serving', async () => {
		const pids = new Set();
		for (let i = 0; i < 8; i++) pids.add(pidOf((await fcgiGet(sock, '/', 'anna')).id));
		const page = path.join(dir, 'xsl/page.xsl');
		const good = readFileSync(page, 'utf8');
		writeFileSync(page, good.replace('</xsl:stylesheet>', '<xsl:template match="/"><broken></xsl:template>'));
		const before = readFileSync(log, 'utf8').length;
		process.kill(serve.pid, 'SIGHUP');
		await waitFor(() => readFileSync(log, 'utf8').slice(before).includes('reload refused'), 'the refusal');
		const tail = readFileSync(log, 'utf8').slice(before);
		assert.match(tail, /level=error msg="reload refused: the stylesheets or schemas do not compile/);
		checkLogLines(tail, 'log after a broken reload');
		for (let i = 0; i < 12; i++) {
			const r = await fcgiGet(sock, '/', 'anna');
			assert.equal(r.status, 200, 'still serving pages');
			assert.ok(pids.has(pidOf(r.id)), `served by an old worker (${r.id})`);
		}
		// Fixed, with a visible change: the new workers use the new views.
		writeFileSync(page, good);
		const err = path.join(dir, 'xsl/error.xsl');
		const errText = readFileSync(err, 'utf8');
		const marked = errText.includes('Felkod för support');
		if (marked) writeFileSync(err, errText.replace('Felkod för support', 'Felkod för support (ny)'));
		process.kill(serve.pid, 'SIGHUP');
		await waitFor(async () => {
			const r = await fcgiGet(sock, '/documents/999999999', 'anna');
			return r.status === 404 && !pids.has(pidOf(r.id));
		}, 'a new worker');
		if (marked) assert.match((await fcgiGet(sock, '/documents/999999999', 'anna')).body, /Felkod för support \(ny\)/);
	});

	itLogsOnlyKeyValueLinesWithoutPersonalData(w);
});

describe('a backup taken while serving restores the database, and the purge after a restore destroys what is due again', () => {
	let dir; let conf; let sock; let log; let db; let serve;
	// First of the block's after hooks: the tests restart the worker.
	after(() => { w.serve = serve; });
	const w = ownWorker();
	before(() => ({ dir, conf, sock, log, db, serve } = w));
	const hit = (p) => fcgiGet(sock, p % 2 ? '/healthz' : '/', p % 2 ? '' : 'karin');

	let backup;
	it('backup while serving under load: consistent, checked, size and checksum printed', async () => {
		backup = path.join(dir, 'backup-1.db');
		// Eva Ek's records are from 2020: due for destruction now (see the purge test).
		sqlite(db, AGE_EVA);
		const run = new Promise((resolve) => {
			const p = spawn(BIN, ['backup', '--out', backup, '--config', conf]);
			let out = '';
			let err = '';
			p.stdout.on('data', (d) => { out += d; });
			p.stderr.on('data', (d) => { err += d; });
			p.on('exit', (code) => resolve({ code, out, err }));
		});
		const [res, b] = await Promise.all([load(hit, { parallel: 4, count: 60 }), run]);
		assert.equal(res.filter((r) => r.status !== 200).length, 0);
		assert.equal(b.code, 0, b.err);
		const m = /^backup=(\S+) bytes=(\d+) sha256=([0-9a-f]{64}) schema=(\d+) integrity=ok$/m.exec(b.out);
		assert.ok(m, `backup output: ${b.out}`);
		const data = readFileSync(backup);
		assert.equal(Number(m[2]), data.length);
		assert.equal(m[3], createHash('sha256').update(data).digest('hex'));
		assert.equal(statSync(backup).mode & 0o777, 0o600, 'backups are private');
		assert.equal(sqlite(backup, 'PRAGMA integrity_check'), 'ok');
		assert.equal(sqlite(backup, 'PRAGMA journal_mode'), 'delete', 'one self-contained file');
		assert.equal(sqlite(backup, 'SELECT count(*) FROM customers'), sqlite(db, 'SELECT count(*) FROM customers'));
		const again = insats(['backup', '--out', backup, '--config', conf]);
		assert.equal(again.status, 2, 'an existing file is not overwritten');
	});

	it('restore refuses while the service runs', () => {
		const r = insats(['restore', backup, '--config', conf]);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /running/);
	});

	it('restore refuses corrupt, foreign and newer files, and restores a good one', async () => {
		assert.equal(await stopServe(serve), 0, 'serve stops cleanly on SIGTERM');
		const before = sqlite(db, 'SELECT count(*) FROM customers');
		// A change after the backup, which the restore must undo.
		sqlite(db, "UPDATE customers SET name = 'Ändrad Efteråt' WHERE id = 1");

		const bad = path.join(dir, 'corrupt.db');
		copyFileSync(backup, bad);
		const size = statSync(bad).size;
		const fd = openSync(bad, 'r+');
		writeSync(fd, randomBytes(4096), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
		closeSync(fd);
		const text = path.join(dir, 'text.db');
		writeFileSync(text, 'not a database\n'.repeat(500));
		const newer = path.join(dir, 'newer.db');
		copyFileSync(backup, newer);
		sqlite(newer, 'PRAGMA user_version = 999');
		for (const [f, why] of [[bad, /damaged|not a database/], [text, /damaged|not a database/],
			[newer, /newer/], [path.join(dir, 'absent.db'), /No such file/]]) {
			const r = insats(['restore', f, '--config', conf]);
			assert.equal(r.status, 2, `restore ${path.basename(f)} refused: ${r.stdout}${r.stderr}`);
			assert.match(r.stderr, why);
			assert.equal(sqlite(db, 'SELECT name FROM customers WHERE id = 1'), 'Ändrad Efteråt',
				'the database is untouched');
		}
		const ok = insats(['restore', backup, '--config', conf]);
		assert.equal(ok.status, 0, ok.stderr);
		assert.match(ok.stdout, /restored=/);
		assert.match(ok.stdout, /insats purge/, 'the restore says to purge');
		assert.equal(sqlite(db, 'PRAGMA integrity_check'), 'ok');
		assert.notEqual(sqlite(db, 'SELECT name FROM customers WHERE id = 1'), 'Ändrad Efteråt');
		assert.equal(sqlite(db, 'SELECT count(*) FROM customers'), before);
		serve = await startServe(conf, sock, log);
		assert.equal((await fcgiGet(sock, '/', 'karin')).status, 200, 'serves the restored database');
	});

	it('purge on a restored backup destroys what is due again', async (t) => {
		const usage = insats([]).stderr;
		if (!/insats purge/.test(usage)) {
			t.skip('insats purge is not in this build yet');
			return;
		}
		await stopServe(serve);
		const eva = "SELECT count(*) FROM customers WHERE pnr = '19850312-2387'";
		const all = Number(sqlite(db, 'SELECT count(*) FROM customers'));
		const purge = () => {
			const r = insats(['purge', '--config', conf]);
			assert.equal(r.status, 0, `purge: ${r.stdout}${r.stderr}`);
		};
		assert.equal(sqlite(db, eva), '1', 'the restored backup holds Eva Ek');
		purge();
		assert.equal(sqlite(db, eva), '0', 'Eva Ek (last entry 2020) is destroyed');
		assert.equal(Number(sqlite(db, 'SELECT count(*) FROM customers')), all - 1, 'nobody else');
		// The old backup brings her back; the purge after the restore destroys her again.
		assert.equal(insats(['restore', backup, '--config', conf]).status, 0);
		assert.equal(sqlite(db, eva), '1', 'the restore resurrected her');
		purge();
		assert.equal(sqlite(db, eva), '0', 'destroyed again');
		serve = await startServe(conf, sock, log);
	});

	itLogsOnlyKeyValueLinesWithoutPersonalData(w);
});

describe('log_level = warn drops the request lines, and no line of either log holds personal data', () => {
	let dir; let conf; let sock; let log; let db; let serve;
	// First of the block's after hooks: the test restarts the worker.
	after(() => { w.serve = serve; });
	const w = ownWorker();
	before(async () => {
		({ dir, conf, sock, log, db, serve } = w);
		// Requests logged at debug first, for the whole log to be checked.
		for (let i = 0; i < 5; i++) assert.equal((await fcgiGet(sock, '/', 'karin')).status, 200);
	});

	it('log_level = warn drops the request lines; no line holds personal data', async () => {
		await stopServe(serve);
		writeFileSync(conf, readFileSync(conf, 'utf8').replace('log_level = debug', 'log_level = warn'));
		const warnLog = path.join(dir, 'warn.log');
		serve = await startServe(conf, sock, warnLog);
		for (let i = 0; i < 5; i++) assert.equal((await fcgiGet(sock, '/', 'anna')).status, 200);
		await stopServe(serve);
		const w = readFileSync(warnLog, 'utf8');
		assert.doesNotMatch(w, /^time=/m, 'no info lines at warn');
		assert.doesNotMatch(w, /level=(info|debug)/);
		const all = readFileSync(log, 'utf8');
		checkLogLines(all, 'serve.log');
		for (const s of personalStrings(db)) assert.ok(!all.includes(s) && !w.includes(s), 'no personal data');
	});
});
