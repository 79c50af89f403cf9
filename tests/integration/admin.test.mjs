// Integration tests of the administrative subcommands (src/cmd/cmd_admin.c):
// build/insats against a database in a temporary directory.
// Run: node --test tests/integration/  (INSATS_BIN overrides the binary.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnr } from './lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.INSATS_BIN || path.join(repo, 'build/insats');

let dir;
let conf;

// Runs insats with the temporary configuration; returns { status, stdout, stderr }.
function insats(...args) {
	const r = spawnSync(bin, [...args, '--config', conf], { encoding: 'utf8', cwd: dir });
	if (r.error) throw r.error;
	return r;
}


before(() => {
	assert.ok(existsSync(bin), `${bin} is missing: run make build/insats`);
	dir = mkdtempSync(path.join(tmpdir(), 'insats-admin-'));
	conf = path.join(dir, 'insats.conf');
	writeFileSync(conf, [
		`database = ${path.join(dir, 'insats.db')}`,
		`catalogue = ${path.join(repo, 'conf/catalogue.tsv')}`,
		'',
	].join('\n'));
});

after(() => {
	if (dir) rmSync(dir, { recursive: true, force: true });
});

test('init --demo creates and seeds the database', () => {
	const r = insats('init', '--demo');
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /demo data seeded/);
});

test('user list shows the six demo users', () => {
	const r = insats('user', 'list');
	assert.equal(r.status, 0, r.stderr);
	const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
	const expect = [
		['anna', 'provider', 'Framtid AB', 'Anna Andersson'],
		['bo', 'provider', 'Steget Vidare', 'Bo Berg'],
		['karin', 'counsellor', '', 'Karin Karlsson'],
		['kalle', 'counsellor', '', 'Kalle Persson'],
		['arkiv', 'archivist', '', 'Arvid Arkivarie'],
		['admin', 'admin', '', 'Administratör'],
	];
	for (const row of expect)
		assert.ok(rows.some((x) => x.join('\t') === row.join('\t')),
		    `missing ${row.join(' ')} in\n${r.stdout}`);
});

test('customer add refuses a wrong check digit with exit 2 and a reason', () => {
	const good = pnr('19800105', '123');
	const bad = good.slice(0, -1) + ((Number(good.at(-1)) + 1) % 10);
	const r = insats('customer', 'add', '--pnr', bad, '--name', 'Fel Siffra',
	    '--counsellor', 'karin');
	assert.equal(r.status, 2);
	assert.match(r.stderr, /Kontrollsiffran/);
	assert.match(r.stderr, /check digit/);
});

test('customer add accepts a valid number', () => {
	const r = insats('customer', 'add', '--pnr', pnr('19800105', '123'),
	    '--name', 'Femte Person', '--counsellor', 'karin');
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^\d+\n$/);
});

test('customer add refuses a counsellor who is not one', () => {
	const r = insats('customer', 'add', '--pnr', pnr('19800215', '123'),
	    '--name', 'Fel Handläggare', '--counsellor', 'anna');
	assert.equal(r.status, 2);
});

test('customer show: born on the 5th is in the research sample', () => {
	const number = pnr('19800105', '123');
	const r = insats('customer', 'show', number);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, new RegExp(`personnummer: ${number}`));
	assert.match(r.stdout, /födelsedatum: 1980-01-05/);
	assert.match(r.stdout, /forskningsurval: ja/);
});

test('customer show: co-ordination number on day 65 is in the sample', () => {
	const number = pnr('19920465', '220');
	const add = insats('customer', 'add', '--pnr', number, '--name', 'Sam Ordning',
	    '--counsellor', 'kalle');
	assert.equal(add.status, 0, add.stderr);
	const r = insats('customer', 'show', number);
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /födelsedatum: 1992-04-05/);
	assert.match(r.stdout, /forskningsurval: ja/);
});

test('customer show: a demo customer born on the 12th is not in the sample', () => {
	const r = insats('customer', 'show', '19850312-2387');
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /namn: Eva Ek/);
	assert.match(r.stdout, /forskningsurval: nej/);
});

test('customer show of an unknown number exits 1', () => {
	const r = insats('customer', 'show', pnr('19700101', '111'));
	assert.equal(r.status, 1);
});

test('placement add refuses an end beyond the maximum length', () => {
	// FAI1 lasts at most 3 months.
	const r = insats('placement', 'add', '--customer', pnr('19800105', '123'),
	    '--code', 'FAI1', '--provider', 'Framtid AB',
	    '--start', '2026-12-01', '--end', '2027-03-02');
	assert.equal(r.status, 2);
	assert.match(r.stderr, /3 months/);
});

test('placement add within the maximum length prints the id', () => {
	const r = insats('placement', 'add', '--customer', pnr('19800105', '123'),
	    '--code', 'FAI1', '--provider', 'Framtid AB',
	    '--start', '2026-12-01', '--end', '2027-03-01');
	assert.equal(r.status, 0, r.stderr);
	assert.match(r.stdout, /^\d+\n$/);
});

test('calendar 2024 lists Långfredagen and Midsommarafton', () => {
	const r = insats('calendar', '2024');
	assert.equal(r.status, 0, r.stderr);
	const lines = r.stdout.split('\n');
	assert.ok(lines.includes('2024-03-29 Långfredagen'), r.stdout);
	assert.ok(lines.includes('2024-06-21 Midsommarafton'), r.stdout);
});

test('calendar refuses a year out of range', () => {
	assert.equal(insats('calendar', '1899').status, 2);
});

test('init --demo on a seeded database refuses and changes nothing', () => {
	const before = insats('user', 'list').stdout;
	const r = insats('init', '--demo');
	assert.notEqual(r.status, 0);
	assert.match(r.stderr, /already has users/);
	assert.equal(insats('user', 'list').stdout, before);
});
