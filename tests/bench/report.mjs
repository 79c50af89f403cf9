// The `make bench` table: reads run.sh's results file and its facts
// (key=value arguments), prints Markdown with the targets checked.
//   node report.mjs RESULTS key=value ...
import { readFileSync } from 'node:fs';

const [resultsFile, ...facts] = process.argv.slice(2);
const f = Object.fromEntries(facts.map((a) => {
	const i = a.indexOf('=');
	return [a.slice(0, i), a.slice(i + 1)];
}));

// name requests duration_us p50_us p99_us non2xx3xx socket_errors
const r = {};
for (const line of readFileSync(resultsFile, 'utf8').split('\n')) {
	const [name, req, dur, p50, p99, bad, sock] = line.trim().split(/\s+/);
	if (!name) continue;
	r[name] = { req: +req, rps: +req / (+dur / 1e6), p50: +p50, p99: +p99, bad: +bad, sock: +sock };
}

const ms = (us) => (us / 1000).toFixed(2);
const num = (x) => Math.round(x).toLocaleString('en-US').replace(/,/g, ' ');
const ratio = (x) => x.toFixed(2);

const rows = [
	['static', `nginx: static file, ${f.page} bytes (limit)`, 200],
	['fixed', `libfcgi fixed-body responder, ${f.page} bytes, ${f.nproc} processes (limit)`, 200],
	['view', 'GET a rendered document view (karin, submitted plan)', 200],
	['view_many', 'GET document views spread over 2 000 documents (anna; rendered, not cached)', 200],
	['start', `GET counsellor start page, ${num(+f.docs)} documents (${f.start_bytes} bytes)`, 200],
	['start_small', 'GET counsellor start page, 1 000 documents (same page)', 200],
	['start_fresh', `GET counsellor start page, ${num(+f.docs)} documents, rendered fresh (page_cache = 0; its rows kept by the fragment cache)`, 200],
	['save', 'POST form save of a draft (validate + commit, synchronous=FULL)', 303],
	['xml', 'POST XML document to a draft (validate + commit)', 303],
	['invalid', 'POST invalid form (422, errors next to fields)', 422],
];

const out = [];
const w = (s = '') => out.push(s);
const fixed = r.fixed?.rps ?? NaN;
const stat = r.static?.rps ?? NaN;

w('# insats `make bench`');
w();
w(`Machine: ${f.nproc} cores (${f.cpu}), ${f.mem}, Linux ${f.kernel}; nginx ${f.nginx}, SQLite ${f.sqlite}.`);
w(`Load: wrk -t2 -c${f.conns}, ${f.secs} s per line, loopback; insats with ${f.nproc} workers;`);
w(`database: ${num(+f.docs)} documents, ${num(+f.customers)} customers (tests/bench/seed.c). Whole run: ${f.seconds} s.`);
w();
w('| request | answer | req/s | p50 ms | p99 ms | × static | × fixed | bad answers |');
w('|---|---|---:|---:|---:|---:|---:|---:|');
for (const [key, label, code] of rows) {
	const x = r[key];
	if (!x) {
		w(`| ${label} | ${code} | – | – | – | – | – | not measured |`);
		continue;
	}
	// wrk counts every status >= 400 as an error: for the 422 line that
	// is every answer, so the bad ones are those that were not errors.
	const bad = code === 422 ? x.req - x.bad + x.sock : x.bad + x.sock;
	w(`| ${label} | ${code} | ${num(x.rps)} | ${ms(x.p50)} | ${ms(x.p99)} | ${ratio(x.rps / stat)} | ${ratio(x.rps / fixed)} | ${bad} |`);
}
w();

const checks = [];
const check = (name, ok, detail) => checks.push({ name, ok, detail });
if (r.view) check('GET view ≥ 0.5 × fixed responder', r.view.rps / fixed >= 0.5, ratio(r.view.rps / fixed));
if (r.view_many) check('GET views spread over 2 000 documents (rendered fresh) ≥ 0.45 × fixed responder',
	r.view_many.rps / fixed >= 0.45, ratio(r.view_many.rps / fixed));
if (r.start_fresh) check('GET counsellor start page rendered fresh, 100 000 documents ≥ 0.35 × fixed responder',
	r.start_fresh.rps / fixed >= 0.35, ratio(r.start_fresh.rps / fixed));
if (r.save) check('POST valid save ≥ 0.15 × fixed responder', r.save.rps / fixed >= 0.15, ratio(r.save.rps / fixed));
if (r.start && r.start_small) {
	const q = r.start_small.rps / r.start.rps;
	check('start page: 100 000 vs 1 000 documents within 20 %', q <= 1.2 && q >= 1 / 1.2,
		`${num(r.start_small.rps)} vs ${num(r.start.rps)} req/s (${ratio(q)}×)`);
}
if (f.cg_start && f.cg_start_small) {
	const q = +f.cg_start / +f.cg_start_small;
	check('start page instructions (callgrind): 100 000 vs 1 000 documents within 20 %', q <= 1.2 && q >= 1 / 1.2,
		`${num(+f.cg_start)} vs ${num(+f.cg_start_small)} (${ratio(q)}×)`);
}
if (f.cg_many) check('instructions per fresh document view (callgrind) ≤ 1.0 M', +f.cg_many <= 1.0e6, num(+f.cg_many));
if (f.cg_start_fresh) check('instructions per fresh start page (callgrind) ≤ 2.0 M', +f.cg_start_fresh <= 2.0e6,
	num(+f.cg_start_fresh));
if (f.cg_start) check('instructions per start page from the page cache (callgrind) ≤ 2.0 M', +f.cg_start <= 2.0e6,
	num(+f.cg_start));
const rss = (s) => Object.fromEntries(s.trim().split(/\s+/).filter(Boolean).map((p) => p.split(':').map(Number)));
const r1 = rss(f.rss1 ?? ''), r2 = rss(f.rss2 ?? '');
const pids = Object.keys(r1);
const samePids = pids.length > 0 && pids.every((p) => p in r2) && Object.keys(r2).length === pids.length;
const grow = pids.map((p) => (r2[p] ?? NaN) / r1[p]);
const maxRss = Math.max(...Object.values(r2));
check('worker RSS: within 10 % from 20 000 to 200 000 requests, same workers', samePids && grow.every((g) => g <= 1.1),
	pids.map((p) => `pid ${p}: ${num(r1[p])} → ${num(r2[p] ?? NaN)} kB`).join('; '));
check('worker RSS < 32 MB', maxRss < 32 * 1024, `max ${num(maxRss)} kB`);
const bad = rows.filter(([k, , code]) => r[k] && (code === 422 ? r[k].req - r[k].bad : r[k].bad) + r[k].sock > 0);
check('every answer as expected; no 5xx in the worker log', bad.length === 0 && +f.errors5 === 0,
	bad.length ? `unexpected answers in: ${bad.map(([k]) => k).join(', ')}` : `5xx: ${f.errors5}`);

w('## Memory');
w();
w(`Worker RSS after ${num(+f.n1)} requests: ${pids.map((p) => `${num(r1[p])} kB`).join(', ')};`);
w(`after ${num(+f.n2)} requests: ${Object.values(r2).map((v) => `${num(v)} kB`).join(', ')}`);
w('(a mixed load: views, start pages, edit forms, XML saves, invalid forms, and the lines above).');
w();
w('## Instructions per request (callgrind, one worker)');
w();
if (f.cg_view) {
	w(`| request | instructions per request (mean of ${f.cg_n}) |`);
	w('|---|---:|');
	w(`| GET document view, the same page again (page cache) | ${num(+f.cg_view)} |`);
	w(`| GET document view, a page not rendered before | ${num(+f.cg_many)} |`);
	w(`| GET counsellor start page, ${num(+f.docs)} documents | ${num(+f.cg_start)} |`);
	w(`| GET counsellor start page, 1 000 documents | ${num(+f.cg_start_small)} |`);
	w(`| GET counsellor start page, ${num(+f.docs)} documents, rendered fresh, rows from the fragment cache | ${num(+f.cg_start_fresh)} |`);
	if (f.cg_start_cold)
		w(`| GET counsellor start page, ${num(+f.docs)} documents, rendered cold (no page or row kept) | ${num(+f.cg_start_cold)} |`);
	w(`| POST form save of a draft | ${num(+f.cg_save)} |`);
	w();
	w('Profile of one request of each: build/bench/callgrind-profile.txt.');
} else {
	w(f.cg_note || 'not counted');
}
w();
w('## Purge and archive export at two database sizes');
w();
w(f.purge);
w();
w('## Targets');
w();
for (const c of checks) w(`- ${c.ok ? 'met' : 'MISSED'}: ${c.name} (${c.detail})`);
w();
const missed = checks.filter((c) => !c.ok);
w(missed.length ? `Targets: ${missed.length} missed` : 'Targets: all met');
process.stdout.write(out.join('\n') + '\n');
