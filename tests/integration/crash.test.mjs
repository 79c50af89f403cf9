// Issue 5: crash safety.  Two clients stream saves and workflow transitions
// through nginx (anna saves and submits, karin returns), recording each one
// the server acknowledged (303), while workers are killed with SIGKILL at
// random moments and the master restarts them.  After CRASH_KILLS kills
// (20 in `make test`, 200 in `make crash`): every acknowledged change is in
// the database, PRAGMA integrity_check is ok, and every document's state and
// version are what its history says.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startStack, client, links, parseForm, rowOf, describeRes, sql } from './lib.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const KILLS = Number(process.env.CRASH_KILLS ?? 20);

// Paced below nginx's per-user limit so that progress is not all 429s.
const realFetch = globalThis.fetch;
let nextSlot = 0;
globalThis.fetch = async (...args) => {
	const now = Date.now();
	const wait = Math.max(0, nextSlot - now);
	nextSlot = Math.max(now, nextSlot) + 45;	// ~22/s: under the 30/s per user
	if (wait) await sleep(wait);
	return realFetch(...args);
};

async function workers(dir) {
	const master = (await readFile(join(dir, 'insats.pid'), 'utf8')).trim();
	const out = [];
	for (const e of await readdir('/proc')) {
		if (!/^\d+$/.test(e)) continue;
		const st = await readFile(`/proc/${e}/stat`, 'utf8').catch(() => '');
		const m = /\) (\S) (\d+) /.exec(st);
		if (m && m[2] === master && m[1] !== 'Z') out.push(Number(e));
	}
	return out;
}

const PLAN = {
	goal: 'Mål', 'subgoals/subgoal[1]': 'Delmål', 'activities/activity[1]/what': 'Aktivitet',
	'activities/activity[1]/how': 'Så', 'activities/activity[1]/when': 'Vecka 1', followUp: '2026-12-01',
	'signatures/customer/signedBy': 'Kund', 'signatures/customer/date': '2026-10-06',
	'signatures/provider/signedBy': 'Anna Andersson', 'signatures/provider/date': '2026-10-06',
};

describe(`${KILLS} workers SIGKILLed under load lose no acknowledged change`, { timeout: 900000 }, () => {
	let stack; let anna; let karin;
	const docs = [];

	before(async () => {
		stack = await startStack('integration-crash');
		anna = client(stack, 'anna');
		karin = client(stack, 'karin');
		// One plan per Framtid AB placement, for the clients to work on.
		const start = await anna.get('/');
		for (const name of ['Eva Ek', 'Oskar Lind']) {
			const pid = links(rowOf(start.text, name) ?? '').map((h) => /placement[s=/](\d+)/.exec(h)?.[1]).find(Boolean);
			assert.ok(pid, `placement of ${name}`);
			const nf = await anna.get(`/documents/new?placement=${pid}&kind=plan`);
			const f = parseForm(nf.text, '/documents');
			for (const [k, v] of Object.entries(PLAN)) f.set(k, v);
			if (f.has('scope/extent')) f.set('scope/extent', 'fulltime');
			const res = await anna.postForm('/documents', f.press('_action', 'save'));
			assert.equal(res.status, 303, describeRes(res));
			docs.push(/^\/documents\/(\d+)/.exec(res.location)[1]);
		}
	});

	after(async () => {
		globalThis.fetch = realFetch;
		await stack?.stop();
	});

	it('keeps every acknowledged save and transition while workers are killed', async () => {
		assert.equal(docs.length, 2, 'needs the plans');
		const acked = [];
		let stop = false;
		let attempts = 0;
		const statuses = {};
		const safe = (p) => p.catch((e) => ({ status: 0, text: String(e), location: null }))
			.then((r) => { statuses[r.status] = (statuses[r.status] ?? 0) + 1; return r; });

		async function stream(doc, tag) {
			for (let n = 0; !stop; n++) {
				attempts++;
				// What to do next follows the stored state (read-only); only
				// the server's 303 counts as an acknowledgement.
				const state = await sql(stack.dir, `SELECT state FROM documents WHERE id = ${doc}`).catch(() => '');
				if (state === 'submitted') {
					const comment = `retur-${tag}-${n}`;
					const r = await safe(karin.postForm(`/documents/${doc}/return`, { csrf: karinToken, comment }));
					if (r.status === 303) acked.push({ doc, kind: 'return', comment });
					continue;
				}
				const ed = await safe(anna.get(`/documents/${doc}/edit`));
				const f = ed.status === 200 ? parseForm(ed.text, `/documents/${doc}`) : null;
				if (!f) continue;
				const marker = `spar-${tag}-${n}`;
				f.set('goal', marker);
				const s = await safe(anna.postForm(`/documents/${doc}`, f.press('_action', 'save')));
				if (s.status === 303) acked.push({ doc, kind: 'save', marker });
				if (n % 2 === 1) {
					const sub = await safe(anna.postForm(`/documents/${doc}/submit`, { csrf: f.get('csrf') }));
					if (sub.status === 303) acked.push({ doc, kind: 'submit' });
				}
			}
		}

		const kv = await karin.get(`/documents/${docs[0]}`);
		const karinToken = /name="csrf"[^>]*value="([0-9a-f]{64})"|value="([0-9a-f]{64})"[^>]*name="csrf"/.exec(kv.text)?.slice(1).find(Boolean) ??
			(await (async () => {
				const secret = await sql(stack.dir, "SELECT value FROM settings WHERE key = 'csrf_secret'");
				const { createHmac } = await import('node:crypto');
				return createHmac('sha256', secret).update('csrf:karin').digest('hex');
			})());

		const streams = docs.map((d, i) => stream(d, `d${i}`));
		let kills = 0;
		const t0 = Date.now();
		while (kills < KILLS && Date.now() - t0 < 600000) {
			await sleep(30 + Math.random() * 220);
			const ws = await workers(stack.dir);
			if (ws.length === 0) continue;
			const pid = ws[Math.floor(Math.random() * ws.length)];
			try { process.kill(pid, 'SIGKILL'); kills++; } catch { /* gone already */ }
		}
		await sleep(300);
		stop = true;
		await Promise.all(streams);
		// The master has restarted the workers.
		let ws = [];
		for (let i = 0; i < 50 && ws.length < 2; i++) { ws = await workers(stack.dir); await sleep(100); }
		assert.ok(ws.length >= 2, `the master restarted the workers (${ws.length} alive)`);
		const health = await anna.get('/');
		assert.equal(health.status, 200, 'the stack serves again');
		assert.equal(kills, KILLS, `${KILLS} kills in time`);

		const dir = stack.dir;
		assert.equal(await sql(dir, 'PRAGMA integrity_check'), 'ok', 'integrity_check');
		assert.equal(await sql(dir, 'PRAGMA foreign_key_check'), '', 'foreign_key_check');
		const missing = [];
		for (const a of acked) {
			const q = a.kind === 'save' ?
				`SELECT count(*) FROM document_versions WHERE document_id = ${a.doc} AND xml LIKE '%${a.marker}%'` :
				a.kind === 'return' ?
					`SELECT count(*) FROM events WHERE document_id = ${a.doc} AND action = 'return' AND comment = '${a.comment}'` :
					null;
			if (q && (await sql(dir, q)) === '0') missing.push(JSON.stringify(a));
		}
		for (const doc of docs) {
			const acks = acked.filter((a) => a.doc === doc && a.kind === 'submit').length;
			const have = Number(await sql(dir, `SELECT count(*) FROM events WHERE document_id = ${doc} AND action = 'submit'`));
			if (have < acks) missing.push(`doc ${doc}: ${acks} submits acknowledged, ${have} recorded`);
		}
		assert.deepEqual(missing, [], 'acknowledged changes missing from the database');

		// Every document's state is the end of its chain of events, and its
		// version the newest stored version.
		for (const doc of docs) {
			const ev = (await sql(dir, `SELECT action || '|' || ifnull(from_state, '') || '|' || ifnull(to_state, '') FROM events WHERE document_id = ${doc} ORDER BY id`))
				.split('\n').map((l) => l.split('|'));
			assert.equal(ev[0][0], 'create', `doc ${doc} starts with create`);
			let state = ev[0][2] || 'draft';
			for (const [action, from, to] of ev.slice(1)) {
				if (!to) continue;
				assert.equal(from, state, `doc ${doc}: event ${action} from ${from}, but the history left it ${state}`);
				state = to;
			}
			const row = await sql(dir, `SELECT state || '|' || version || '|' || (SELECT max(version) FROM document_versions WHERE document_id = ${doc}) FROM documents WHERE id = ${doc}`);
			const [st, ver, maxVer] = row.split('|');
			assert.equal(st, state, `doc ${doc}: state ${st} is what its history says (${state})`);
			assert.equal(ver, maxVer, `doc ${doc}: version ${ver} is its newest stored version`);
		}
		const log = await readFile(join(dir, 'insats.log'), 'utf8');
		const restarts = (log.match(/restart/g) ?? []).length;
		assert.ok(restarts >= KILLS, `the master logged ${restarts} restarts for ${KILLS} kills`);
		const counts = ['save', 'submit', 'return'].map((k) => `${k} ${acked.filter((a) => a.kind === k).length}`);
		console.log(`# crash: ${kills} kills in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${attempts} rounds, acknowledged ${counts.join(', ')}; ${restarts} restarts logged; statuses ${JSON.stringify(statuses)}`);
		// The test means something only if changes were acknowledged between kills.
		for (const k of ['save', 'submit', 'return'])
			assert.ok(acked.some((x) => x.kind === k), `at least one acknowledged ${k}`);
		assert.ok(acked.length >= KILLS / 4, `enough acknowledged changes (${acked.length})`);
	});
});
