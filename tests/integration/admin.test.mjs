// Integration tests of the administrative subcommands (src/cmd/cmd_admin.c):
// build/insats against a database in a temporary directory, a fresh one
// for each describe() block.
// Run: node --test tests/integration/admin.test.mjs  (INSATS_BIN overrides the binary.)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnr } from './lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.INSATS_BIN || path.join(repo, 'build/insats');

/**
 * A database of its own for the enclosing describe() block: a temporary
 * directory and configuration made before its tests, removed after them;
 * `demo` seeds it with `insats init --demo`.  Returns { insats(...args) },
 * which runs insats with that configuration: { status, stdout, stderr }.
 */
function ownDatabase({ demo = false } = {}) {
	let dir;
	let conf;
	const db = {
		insats(...args) {
			const r = spawnSync(bin, [...args, '--config', conf], { encoding: 'utf8', cwd: dir });
			if (r.error) throw r.error;
			return r;
		},
	};
	before(() => {
		assert.ok(existsSync(bin), `${bin} is missing: run make build/insats`);
		dir = mkdtempSync(path.join(tmpdir(), 'insats-admin-'));
		conf = path.join(dir, 'insats.conf');
		writeFileSync(conf, [
			`database = ${path.join(dir, 'insats.db')}`,
			`catalogue = ${path.join(repo, 'conf/catalogue.tsv')}`,
			'',
		].join('\n'));
		if (demo) {
			const r = db.insats('init', '--demo');
			assert.equal(r.status, 0, r.stderr);
		}
	});
	after(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});
	return db;
}

describe('init --demo seeds an empty database, and only an empty one', () => {
	const { insats } = ownDatabase();

	it('init --demo creates and seeds the database', () => {
		const r = insats('init', '--demo');
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /demo data seeded/);
	});

	it('user list shows the six demo users', () => {
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

	it('init --demo on a seeded database refuses and changes nothing', () => {
		const before = insats('user', 'list').stdout;
		const r = insats('init', '--demo');
		assert.notEqual(r.status, 0);
		assert.match(r.stderr, /already has users/);
		assert.equal(insats('user', 'list').stdout, before);
	});
});

describe('customer add takes only a valid personal number and a counsellor', () => {
	const { insats } = ownDatabase({ demo: true });

	it('customer add refuses a wrong check digit with exit 2 and a reason', () => {
		const good = pnr('19800105', '123');
		const bad = good.slice(0, -1) + ((Number(good.at(-1)) + 1) % 10);
		const r = insats('customer', 'add', '--pnr', bad, '--name', 'Fel Siffra',
		    '--counsellor', 'karin');
		assert.equal(r.status, 2);
		assert.match(r.stderr, /Kontrollsiffran/);
		assert.match(r.stderr, /check digit/);
	});

	it('customer add refuses birth number 000 with exit 2 and a reason, the check digit right', () => {
		const r = insats('customer', 'add', '--pnr', pnr('19800105', '000'), '--name', 'Noll Nollsson',
		    '--counsellor', 'karin');
		assert.equal(r.status, 2, r.stderr);
		assert.match(r.stderr, /Födelsenumret 000/);
		assert.match(r.stderr, /birth number 000/);
		assert.equal(insats('customer', 'show', pnr('19800105', '000')).status, 2, 'show refuses it too');
	});

	it('customer add accepts a valid number', () => {
		const r = insats('customer', 'add', '--pnr', pnr('19800105', '123'),
		    '--name', 'Femte Person', '--counsellor', 'karin');
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^\d+\n$/);
	});

	it('customer add accepts YYYYMMDD+NNNN of a person 100 or older, stored as YYYYMMDD-NNNN', () => {
		const stored = pnr('19150914', '999');
		const plus = stored.replace('-', '+');
		const add = insats('customer', 'add', '--pnr', plus, '--name', 'Hundra Åring', '--counsellor', 'karin');
		assert.equal(add.status, 0, add.stderr);
		for (const written of [plus, stored, stored.slice(2).replace('-', '+')]) {
			const r = insats('customer', 'show', written);
			assert.equal(r.status, 0, `${written}: ${r.stderr}`);
			assert.match(r.stdout, new RegExp(`personnummer: ${stored}\n`), written);
			assert.match(r.stdout, /födelsedatum: 1915-09-14/);
		}
		// A second add in the other form is the same person.
		const again = insats('customer', 'add', '--pnr', stored, '--name', 'Hundra Åring', '--counsellor', 'karin');
		assert.notEqual(again.status, 0, 'the same number twice');
	});

	it('customer add refuses a "+" with the century of someone under 100', () => {
		const r = insats('customer', 'add', '--pnr', pnr('19900101', '001').replace('-', '+'),
		    '--name', 'Ung Plus', '--counsellor', 'karin');
		assert.equal(r.status, 2, r.stderr);
		assert.match(r.stderr, /YYYYMMDD-NNNN/);
	});

	it('customer add refuses a counsellor who is not one', () => {
		const r = insats('customer', 'add', '--pnr', pnr('19800215', '123'),
		    '--name', 'Fel Handläggare', '--counsellor', 'anna');
		assert.equal(r.status, 2);
	});
});

describe('customer show prints the birth date and whether the customer is in the research sample', () => {
	const { insats } = ownDatabase({ demo: true });
	before(() => {
		const r = insats('customer', 'add', '--pnr', pnr('19800105', '123'),
		    '--name', 'Femte Person', '--counsellor', 'karin');
		assert.equal(r.status, 0, r.stderr);
	});

	it('customer show: born on the 5th is in the research sample', () => {
		const number = pnr('19800105', '123');
		const r = insats('customer', 'show', number);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`personnummer: ${number}`));
		assert.match(r.stdout, /födelsedatum: 1980-01-05/);
		assert.match(r.stdout, /forskningsurval: ja/);
	});

	it('customer show: co-ordination number on day 65 is in the sample', () => {
		const number = pnr('19920465', '220');
		const add = insats('customer', 'add', '--pnr', number, '--name', 'Sam Ordning',
		    '--counsellor', 'kalle');
		assert.equal(add.status, 0, add.stderr);
		const r = insats('customer', 'show', number);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /födelsedatum: 1992-04-05/);
		assert.match(r.stdout, /forskningsurval: ja/);
	});

	it('customer show: a demo customer born on the 12th is not in the sample', () => {
		const r = insats('customer', 'show', '19850312-2387');
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /namn: Eva Ek/);
		assert.match(r.stdout, /forskningsurval: nej/);
	});

	it('customer show of an unknown number exits 1', () => {
		const r = insats('customer', 'show', pnr('19700101', '111'));
		assert.equal(r.status, 1);
	});
});

describe('placement add holds the maximum length of the placement code', () => {
	const { insats } = ownDatabase({ demo: true });
	before(() => {
		const r = insats('customer', 'add', '--pnr', pnr('19800105', '123'),
		    '--name', 'Femte Person', '--counsellor', 'karin');
		assert.equal(r.status, 0, r.stderr);
	});

	it('placement add refuses an end beyond the maximum length', () => {
		// FAI1 lasts at most 3 months.
		const r = insats('placement', 'add', '--customer', pnr('19800105', '123'),
		    '--code', 'FAI1', '--provider', 'Framtid AB',
		    '--start', '2026-12-01', '--end', '2027-03-02');
		assert.equal(r.status, 2);
		assert.match(r.stderr, /3 months/);
	});

	it('placement add within the maximum length prints the id', () => {
		const r = insats('placement', 'add', '--customer', pnr('19800105', '123'),
		    '--code', 'FAI1', '--provider', 'Framtid AB',
		    '--start', '2026-12-01', '--end', '2027-03-01');
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^\d+\n$/);
	});
});

describe('calendar lists the Swedish public holidays of a year', () => {
	const { insats } = ownDatabase();

	it('calendar 2024 lists Långfredagen and Midsommarafton', () => {
		const r = insats('calendar', '2024');
		assert.equal(r.status, 0, r.stderr);
		const lines = r.stdout.split('\n');
		assert.ok(lines.includes('2024-03-29 Långfredagen'), r.stdout);
		assert.ok(lines.includes('2024-06-21 Midsommarafton'), r.stdout);
	});

	it('calendar refuses a year out of range', () => {
		assert.equal(insats('calendar', '1899').status, 2);
	});
});
