// Issues 3 and 7 through nginx: the deficiencies per provider on the
// counsellor's start page (README, Rules: deficiencies).  A new provider, Ny Väg AB, gets
// one of karin's customers whose placement started 100 days ago: its plan
// arrives more than a month late and no monthly report has come, so karin
// sees "more than a month late" and "repeated late reports" for Ny Väg AB;
// after she returns the plan twice, "returned again and again" too.  kalle,
// who has no customer there, does not see Ny Väg AB.  Each describe()
// block has a stack of its own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startStack, client, parseForm, textOf, describeRes, REPO } from './lib.mjs';

const run = promisify(execFile);
const BIN = process.env.INSATS_BIN || join(REPO, 'build/insats');
const ORG = 'Ny Väg AB';
const PLAN = {
	goal: 'Arbete inom lager och logistik på minst halvtid.',
	'subgoals/subgoal[1]': 'Truckkort A och B.',
	'activities/activity[1]/what': 'Truckutbildning',
	'activities/activity[1]/how': 'Kurs hos extern utbildare, fyra dagar.',
	'activities/activity[1]/when': 'Vecka 12',
	'signatures/customer/signedBy': 'Nils Nyberg',
	'signatures/customer/date': '2024-03-01',
	'signatures/provider/signedBy': 'Nora Väg',
	'signatures/provider/date': '2024-03-02',
	followUp: '2024-04-15',
};

function status(res, expected, what = '') {
	assert.equal(res.status, expected, `${what ? what + ': ' : ''}expected ${expected}, got ${describeRes(res)}`);
}

/** A personal number with its Luhn check digit added. */
function withLuhn(s) {
	const d = s.replace(/\D/g, '').slice(2).split('').map(Number);
	const sum = d.reduce((a, v, i) => {
		const x = v * (i % 2 === 0 ? 2 : 1);
		return a + (x > 9 ? x - 9 : x);
	}, 0);
	return s + String((10 - (sum % 10)) % 10);
}

/** The deficiency section of a start page. */
function deficiencies(html) {
	const m = /<section\b[^>]*>\s*<h2 id="h-deficiencies">[\s\S]*?<\/section>/.exec(html);
	assert.ok(m, 'the deficiencies section');
	return m[0];
}

/** The cells (text) of the row of provider `name`, or null. */
function providerRow(html, name) {
	for (const r of deficiencies(html).matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
		const cells = [...r[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]).trim());
		if (cells[0] === name) return cells;
	}
	return null;
}

/**
 * A stack of its own for the enclosing describe() block, with Ny Väg AB
 * (provider nyvag) and one of karin's customers there, placed 100 days
 * ago.  Returns { stack, karin, kalle, nyvag, placementId }, filled
 * before the block's tests.
 */
function nyVagStack(name) {
	const own = {};
	before(async () => {
		const stack = own.stack = await startStack(name);
		const conf = ['--db', join(stack.dir, 'insats.db'), '--config', join(stack.dir, 'insats.conf')];
		const opt = { timeout: 30000 };
		await run(BIN, ['user', 'add', 'nyvag', '--name', 'Nora Väg', '--role', 'provider', '--org', ORG, ...conf], opt);
		await stack.addUser('nyvag');
		const pnr = withLuhn('19820614-123');
		await run(BIN, ['customer', 'add', '--pnr', pnr, '--name', 'Nils Nyberg', '--counsellor', 'karin', ...conf], opt);
		const start = new Date(Date.now() - 100 * 864e5).toISOString().slice(0, 10);
		const { stdout } = await run(BIN, ['placement', 'add', '--customer', pnr, '--code', 'AMI2',
			'--provider', ORG, '--start', start, ...conf], opt);
		own.placementId = /\d+/.exec(stdout)?.[0];
		[own.karin, own.kalle, own.nyvag] = ['karin', 'kalle', 'nyvag'].map((u) => client(stack, u));
	});
	after(async () => {
		await own.stack?.stop();
	});
	return own;
}

describe("a provider's late plan and reports are counted on its counsellor's start page, and on no one else's", { timeout: 180000 }, () => {
	const own = nyVagStack('integration-deficiency');
	let karin; let kalle;
	before(() => ({ karin, kalle } = own));

	it("shows Ny Väg AB's missing plan and reports on karin's page, not on kalle's", async () => {
		const page = await karin.get('/');
		status(page, 200, 'karin /');
		const row = providerRow(page.text, ORG);
		assert.ok(row, `a row for ${ORG}: ${textOf(deficiencies(page.text))}`);
		// The plan (due 86 days ago) and at least two monthly reports are late.
		assert.match(row[1], /^\d+ Försenad mer än en månad$/, `more than a month late: ${row}`);
		assert.ok(Number.parseInt(row[1], 10) >= 2, `the plan and a report a month late: ${row}`);
		assert.match(row[2], /^\d+ Upprepade förseningar$/, `repeated late reports: ${row}`);
		assert.ok(Number.parseInt(row[2], 10) >= 3, `the plan and the reports late: ${row}`);
		assert.equal(row[3], '0', `nothing returned yet: ${row}`);
		const other = await kalle.get('/');
		status(other, 200, 'kalle /');
		assert.equal(providerRow(other.text, ORG), null, `kalle has no customer at ${ORG}`);
	});
});

describe('a plan returned twice is counted as returned again and again', { timeout: 180000 }, () => {
	const own = nyVagStack('integration-deficiency-returns');
	let karin; let kalle; let nyvag; let placementId; let docId;
	before(() => ({ karin, kalle, nyvag, placementId } = own));

	it('counts a plan returned twice as returned again and again', async () => {
		const res = await nyvag.get(`/documents/new?placement=${placementId}&kind=plan`);
		status(res, 200, 'new plan form');
		const form = parseForm(res.text, '/documents');
		assert.ok(form, 'the plan form');
		for (const [k, v] of Object.entries(PLAN)) form.set(k, v);
		if (form.has('scope/extent')) form.set('scope/extent', 'fulltime');
		const saved = await nyvag.postForm('/documents', form.press('_action', 'save'));
		status(saved, 303, 'save');
		docId = /^\/documents\/(\d+)/.exec(saved.location ?? '')?.[1];
		assert.ok(docId, `the new plan: ${saved.location}`);
		for (let i = 1; i <= 2; i++) {
			status(await nyvag.action(docId, 'submit', (await nyvag.get(`/documents/${docId}`)).text), 303,
				`submit ${i}`);
			status(await karin.action(docId, 'return', (await karin.get(`/documents/${docId}`)).text,
				{ comment: `Målen saknas (${i}).` }), 303, `return ${i}`);
		}
		const page = await karin.get('/');
		const row = providerRow(page.text, ORG);
		assert.ok(row, `a row for ${ORG}`);
		assert.equal(row[3], '1 Upprepade återremitteringar', `the plan returned twice: ${row}`);
		// Submitted 86 days after its due date: still more than a month late.
		assert.ok(Number.parseInt(row[1], 10) >= 2, `the plan still a month late: ${row}`);
		assert.equal(providerRow((await kalle.get('/')).text, ORG), null, `not on kalle's page`);
	});
});
