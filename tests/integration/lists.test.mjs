// Issue 6, lists through nginx: the customer search of the start page
// (only among the customers the user may see; protected identities are not
// found by a provider), the sorting of the lists with due dates
// (?sort=due / ?sort=-due, aria-sort on the header) and paging (?page=N,
// a page past the end is an empty list, a malformed page or sort is a 400).
// Each describe() block has a stack of its own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import {
	startStack, client, links, parseForm, rowOf, textOf, decode, attrs, describeRes, REPO,
} from './lib.mjs';

const run = promisify(execFile);
const BIN = process.env.INSATS_BIN || join(REPO, 'build/insats');
const EVA = { name: 'Eva Ek', pnr: '19850312-2387' };
const AHMED = { name: 'Ahmed Hassan', pnr: '19881021-4737' };	// kalle's, Steget Vidare
const MARIA = { name: 'Maria Skog', pnr: '19770707-3826' };	// karin's, protected, Framtid AB

function status(res, expected, what = '') {
	assert.equal(res.status, expected, `${what ? what + ': ' : ''}expected ${expected}, got ${describeRes(res)}`);
}

function has(html, text, what) {
	assert.ok(textOf(html).includes(text) || decode(html).includes(text),
		`${what}: "${text}" not found in: ${textOf(html).trim().slice(0, 600)}`);
}

function lacks(html, text, what) {
	assert.ok(!textOf(html).includes(text) && !decode(html).includes(text),
		`${what}: "${text}" must not appear`);
}

/** The HTML of the <section> whose heading has id `id`. */
function section(html, id) {
	const m = new RegExp(`<section\\b[^>]*>\\s*<h2 id="${id}">[\\s\\S]*?</section>`).exec(html);
	assert.ok(m, `section ${id}`);
	return m[0];
}

/** The customer names of a search result page, in order. */
function hits(html) {
	const m = /<section\b[^>]*>\s*<h2 id="h-results">[\s\S]*?<\/section>/.exec(html);
	if (!m) return [];
	return [...m[0].matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((r) => textOf(r[1]).trim());
}

/** The personal number with its Luhn digit: s is YYYYMMDD-NNN. */
function withLuhn(s) {
	const d = s.replace(/\D/g, '').slice(2).split('').map(Number);
	const sum = d.reduce((a, v, i) => {
		const x = v * (i % 2 === 0 ? 2 : 1);
		return a + (x > 9 ? x - 9 : x);
	}, 0);
	return s + String((10 - (sum % 10)) % 10);
}

/** The due dates (YYYY-MM-DD) of the last column of a list, in order. */
function dueDates(sec) {
	return [...sec.matchAll(/<tr>[\s\S]*?<\/tr>/g)]
		.map((r) => [...r[0].matchAll(/<td class="nowrap">([\s\S]*?)<\/td>/g)].pop())
		.filter(Boolean)
		.map((td) => /\d{4}-\d{2}-\d{2}/.exec(textOf(td[1]))?.[0])
		.filter(Boolean);
}

/** The sort link and aria-sort of the due-date column header of a section. */
function sortHeader(sec) {
	const th = /<th\b[^>]*aria-sort="[^"]*"[^>]*>([\s\S]*?)<\/th>/.exec(sec);
	assert.ok(th, 'a column header with aria-sort');
	const a = /<a\b[^>]*>/.exec(th[1]);
	assert.ok(a, 'a link in the sorted column header');
	return { sort: attrs(th[0].slice(0, th[0].indexOf('>') + 1))['aria-sort'], href: attrs(a[0]).href };
}

// A customer with Swedish letters, karin's, placed at Framtid AB (ownStack).
const asa = { name: 'Åsa Öberg-Ärlig', pnr: withLuhn('19910402-238') };

/**
 * A stack of its own for the enclosing describe() block, with Åsa
 * Öberg-Ärlig added.  Returns { stack, anna, bo, karin, kalle, admin },
 * filled before the block's tests.
 */
function ownStack(name) {
	const own = {};
	before(async () => {
		const stack = own.stack = await startStack(name);
		[own.anna, own.bo, own.karin, own.kalle, own.admin] = ['anna', 'bo', 'karin', 'kalle', 'admin']
			.map((u) => client(stack, u));
		// A customer with Swedish letters, karin's, placed at Framtid AB.
		const conf = ['--db', join(stack.dir, 'insats.db'), '--config', join(stack.dir, 'insats.conf')];
		await run(BIN, ['customer', 'add', '--pnr', asa.pnr, '--name', asa.name, '--counsellor', 'karin', ...conf],
			{ timeout: 30000 });
		await run(BIN, ['placement', 'add', '--customer', asa.pnr, '--code', 'AMI1', '--provider', 'Framtid AB',
			'--start', '2026-10-01', ...conf], { timeout: 30000 });
	});
	after(async () => {
		await own.stack?.stop();
	});
	return own;
}

describe('the customer search of a start page finds only the customers the user may see', { timeout: 180000 }, () => {
	const own = ownStack('integration-lists');
	let anna; let bo; let karin; let kalle; let admin;
	before(() => ({ anna, bo, karin, kalle, admin } = own));

	it('shows a labelled GET search form on the start pages of anna and karin', async () => {
		for (const c of [anna, karin]) {
			const res = await c.get('/');
			status(res, 200, `${c.user} /`);
			const form = parseForm(res.text, '/search');
			assert.ok(form, `${c.user}: a form to /search`);
			assert.ok(form.has('q'), 'field q');
			assert.match(res.text, /<form\b[^>]*method="get"[^>]*action="\/search"/, 'GET form');
			assert.match(res.text, /<label for="f-q">Sök kund<\/label>/, 'label "Sök kund"');
			assert.match(res.text, /<input\b[^>]*name="q"[^>]*id="f-q"/, 'the labelled input');
		}
		const adm = await admin.get('/');
		lacks(adm.text, 'Sök kund', "admin's start page has no customer search");
		status(await admin.get('/search?q=eva'), 403, 'admin searches');
	});

	it('lets anna find Eva Ek by name, case-insensitively and in part', async () => {
		for (const q of ['eva', 'ek', 'EVA EK', ' Eva  ']) {
			const res = await anna.get(`/search?q=${encodeURIComponent(q)}`);
			status(res, 200, `anna q=${q}`);
			assert.deepEqual(hits(res.text).filter((h) => h.startsWith(EVA.name)).length, 1,
				`q=${q} finds Eva Ek: ${hits(res.text).join(' | ')}`);
			const row = rowOf(res.text, EVA.name);
			assert.ok(links(row).some((h) => /^\/placements\/\d+$/.test(h)), 'the hit links to the placement');
			has(row, EVA.pnr, 'the hit shows the personal number');
		}
	});

	it('lets anna find Eva Ek by her personal number in 12-, 10-digit and dashed forms', async () => {
		for (const q of ['198503122387', '8503122387', '850312-2387', '19850312-2387', '19850312']) {
			const res = await anna.get(`/search?q=${encodeURIComponent(q)}`);
			status(res, 200, `anna q=${q}`);
			assert.ok(hits(res.text).some((h) => h.startsWith(EVA.name)), `q=${q} finds Eva Ek: ${hits(res.text)}`);
		}
		const wrong = await anna.get('/search?q=850312-9999');
		status(wrong, 200, 'an unknown number');
		assert.deepEqual(hits(wrong.text), [], 'nobody has that number');
		has(wrong.text, 'Ingen kund hittades', 'the empty message');
	});

	it('folds Swedish letters: åsa, ÅSA, öberg and ärlig find Åsa Öberg-Ärlig', async () => {
		for (const q of ['åsa', 'ÅSA', 'öberg', 'ÖBERG-ärlig', 'Ärlig']) {
			const res = await anna.get(`/search?q=${encodeURIComponent(q)}`);
			status(res, 200, `anna q=${q}`);
			assert.ok(hits(res.text).some((h) => h.startsWith(asa.name)), `q=${q} finds ${asa.name}: ${hits(res.text)}`);
		}
		const other = await anna.get(`/search?q=${encodeURIComponent('asa')}`);
		assert.ok(!hits(other.text).some((h) => h.startsWith(asa.name)), '"asa" is not "åsa"');
	});

	it("does not let anna find Steget Vidare's Ahmed Hassan nor the protected Maria Skog", async () => {
		for (const q of ['ahmed', 'hassan', AHMED.pnr, AHMED.pnr.slice(2).replace('-', ''),
			'skog', 'maria', MARIA.pnr, MARIA.pnr.slice(2), MARIA.pnr.slice(0, 8)]) {
			const res = await anna.get(`/search?q=${encodeURIComponent(q)}`);
			status(res, 200, `anna q=${q}`);
			assert.deepEqual(hits(res.text), [], `anna q=${q} finds nobody`);
			lacks(res.text, AHMED.name, `anna q=${q}`);
			lacks(res.text, MARIA.name, `anna q=${q}`);
			// (The query itself is shown again in the form and the message.)
			if (q !== MARIA.pnr) lacks(res.text, MARIA.pnr, `anna q=${q}`);
			lacks(res.text, 'Skyddad identitet', `anna q=${q}: no protected hit either`);
			has(res.text, 'Ingen kund hittades', `anna q=${q}: the empty message`);
		}
		// A search for every name with an "a" lists only what anna may see.
		const all = await anna.get('/search?q=a%20');
		status(all, 400, '"a " trimmed is too short');
		const many = await anna.get('/search?q=19');
		status(many, 200, 'anna q=19');
		const names = hits(many.text);
		assert.ok(names.some((h) => h.startsWith(EVA.name)), `q=19 lists Eva Ek: ${names}`);
		assert.ok(!names.some((h) => /Ahmed|Maria|Skyddad|Sara|Lina/.test(h)), `only Framtid AB's, unprotected: ${names}`);
	});

	it('lets bo find Ahmed Hassan but not Eva Ek', async () => {
		const a = await bo.get('/search?q=hassan');
		assert.ok(hits(a.text).some((h) => h.startsWith(AHMED.name)), `bo finds Ahmed: ${hits(a.text)}`);
		const e = await bo.get('/search?q=eva');
		assert.deepEqual(hits(e.text), [], 'bo does not find Eva Ek');
	});

	it("lets karin find her own customers, the protected one too, but not kalle's", async () => {
		let res = await karin.get('/search?q=eva');
		assert.ok(hits(res.text).some((h) => h.startsWith(EVA.name)), `karin finds Eva: ${hits(res.text)}`);
		res = await karin.get('/search?q=skog');
		assert.ok(hits(res.text).some((h) => h.startsWith(MARIA.name)), 'karin sees her protected customer');
		has(res.text, MARIA.pnr, "the protected customer's number, to her counsellor");
		res = await karin.get(`/search?q=${encodeURIComponent(MARIA.pnr.slice(2))}`);
		assert.ok(hits(res.text).some((h) => h.startsWith(MARIA.name)), 'karin finds her by number');
		for (const q of ['ahmed', AHMED.pnr, 'sara', 'johan']) {
			res = await karin.get(`/search?q=${encodeURIComponent(q)}`);
			status(res, 200, `karin q=${q}`);
			assert.deepEqual(hits(res.text), [], `karin q=${q}: kalle's customers are not found`);
		}
		res = await kalle.get('/search?q=ahmed');
		assert.ok(hits(res.text).some((h) => h.startsWith(AHMED.name)), 'kalle finds his Ahmed');
		res = await kalle.get('/search?q=eva');
		assert.deepEqual(hits(res.text), [], "kalle does not find karin's Eva");
	});
});

describe('a bad search query is answered with 400 and the form, with the reason at the field', { timeout: 180000 }, () => {
	const own = ownStack('integration-lists-bad-query');
	let anna; let bo; let karin; let kalle; let admin;
	before(() => ({ anna, bo, karin, kalle, admin } = own));

	it('answers a bad query with 400 and the form with the reason at the field', async () => {
		const cases = [
			['e', 'minst 2 tecken'],
			['', 'minst 2 tecken'],
			['%20%20', 'minst 2 tecken'],
			['a'.repeat(101), 'högst 100 tecken'],
			['ab%09cd', 'inte är tillåtna'],
			['1234567890123', 'högst 12 siffror'],
		];
		for (const [q, msg] of cases) {
			const res = await anna.get(`/search?q=${q}`);
			status(res, 400, `q=${q}`);
			has(res.text, msg, `q=${q}`);
			const input = [...res.text.matchAll(/<input\b[^>]*>/g)].map((m) => attrs(m[0])).find((a) => a.name === 'q');
			assert.ok(input, 'the search field again');
			assert.equal(input['aria-invalid'], 'true', 'aria-invalid on the field');
			assert.match(input['aria-describedby'] ?? '', /\be-q\b/, 'aria-describedby names the message');
			assert.match(res.text, /id="e-q"/, 'the message next to the field');
			assert.match(res.text, /role="alert"/, 'an error summary');
		}
		// Exactly 100 characters (Swedish letters count as one) are fine.
		const ok = await anna.get(`/search?q=${encodeURIComponent('ö'.repeat(100))}`);
		status(ok, 200, '100 characters');
		// A control character is refused where the query string is read.
		status(await anna.get('/search?q=ab%01'), 400, 'a control character');
		// Without q: the form alone.
		const blank = await anna.get('/search');
		status(blank, 200, '/search without q');
		assert.ok(parseForm(blank.text, '/search'), 'the form');
		lacks(blank.text, 'Sökresultat', 'no results without a query');
	});
});

describe('the lists with due dates are sorted by due date both ways with the column header link', { timeout: 180000 }, () => {
	const own = ownStack('integration-lists-sort');
	let anna; let bo; let karin; let kalle; let admin;
	before(() => ({ anna, bo, karin, kalle, admin } = own));

	it("sorts anna's work queue by due date both ways with the header link", async () => {
		const asc = await anna.get('/');
		status(asc, 200, 'anna /');
		let sec = section(asc.text, 'h-due');
		const h1 = sortHeader(sec);
		assert.equal(h1.sort, 'ascending', 'oldest first by default');
		assert.equal(h1.href, '/?page=1&sort=-due', 'the link turns the order');
		const up = dueDates(sec);
		assert.ok(up.length >= 3, `several due dates: ${up}`);
		assert.deepEqual(up, [...up].sort(), 'ascending');
		assert.notEqual(up[0], up[up.length - 1], 'different due dates to sort');

		const desc = await anna.get(h1.href);
		status(desc, 200, h1.href);
		sec = section(desc.text, 'h-due');
		const h2 = sortHeader(sec);
		assert.equal(h2.sort, 'descending');
		assert.equal(h2.href, '/?page=1&sort=due');
		const down = dueDates(sec);
		assert.deepEqual(down, [...up].reverse(), 'the same dates, latest first');
		status(await anna.get('/?sort=due'), 200, 'sort=due');
	});

	it("sorts karin's review queue by due date both ways", async () => {
		// Two plans submitted a second apart: Eva Ek's, then Åsa's.
		const ids = [];
		for (const who of [EVA.name, asa.name]) {
			const start = await anna.get('/');
			const row = rowOf(section(start.text, 'h-placements'), who);
			assert.ok(row, `${who}'s placement row`);
			const href = links(row).find((h) => /kind=plan/.test(h));
			assert.ok(href, `a link to start ${who}'s plan`);
			const form = parseForm((await anna.get(href)).text, '/documents');
			assert.ok(form, 'the new plan form');
			form.set('goal', 'Arbete inom handel.').set('subgoals/subgoal[1]', 'Praktik.')
				.set('activities/activity[1]/what', 'Praktik').set('activities/activity[1]/how', 'Hos en butik.')
				.set('activities/activity[1]/when', 'Vecka 12').set('followUp', '2026-12-15')
				.set('signatures/customer/signedBy', who).set('signatures/customer/date', '2026-11-01')
				.set('signatures/provider/signedBy', 'Anna Andersson').set('signatures/provider/date', '2026-11-01');
			if (form.has('scope/extent')) form.set('scope/extent', 'fulltime');
			const saved = await anna.postForm('/documents', form.press('_action', 'save'));
			status(saved, 303, `save ${who}'s plan`);
			const id = /^\/documents\/(\d+)/.exec(saved.location)[1];
			const view = await anna.get(`/documents/${id}`);
			if (ids.length > 0) await new Promise((r) => setTimeout(r, 1100));
			status(await anna.action(id, 'submit', view.text), 303, `submit ${who}'s plan`);
			ids.push(id);
		}
		const order = (html) => [...section(html, 'h-queue').matchAll(/href="\/documents\/(\d+)"/g)]
			.map((m) => m[1]).filter((id) => ids.includes(id));
		const asc = await karin.get('/');
		status(asc, 200, 'karin /');
		const h1 = sortHeader(section(asc.text, 'h-queue'));
		assert.equal(h1.sort, 'ascending');
		assert.deepEqual(order(asc.text), ids, 'first submitted first');
		const desc = await karin.get(h1.href);
		status(desc, 200, h1.href);
		assert.equal(sortHeader(section(desc.text, 'h-queue')).sort, 'descending');
		assert.deepEqual(order(desc.text), [...ids].reverse(), 'last submitted first');
		assert.deepEqual(dueDates(section(desc.text, 'h-queue')),
			[...dueDates(section(desc.text, 'h-queue'))].sort().reverse(), 'review due dates descending');
	});
});

describe('a page past the end of a list is empty, and a malformed page or sort is a 400', { timeout: 180000 }, () => {
	const own = ownStack('integration-lists-paging');
	let anna; let bo; let karin; let kalle; let admin;
	before(() => ({ anna, bo, karin, kalle, admin } = own));

	it('shows an empty-list message on a page past the end, keeping the sort in its links', async () => {
		for (const c of [anna, karin]) {
			const res = await c.get('/?page=2&sort=-due');
			status(res, 200, `${c.user} page 2`);
			has(res.text, 'Sidan 2 är tom', `${c.user}: the empty page says so`);
			assert.ok(links(res.text).includes('/?page=1&sort=-due'), 'a link back to page 1, same order');
			lacks(res.text, 'Föregående sida', 'no pager on an empty page');
		}
		const res = await karin.get('/?page=10000');
		status(res, 200, 'the last page number allowed');
		has(res.text, 'Sidan 10000 är tom', 'page 10000');
	});

	it('answers a malformed page or sort with 400', async () => {
		for (const q of ['page=0', 'page=-1', 'page=01', 'page=abc', 'page=1.5', 'page=10001', 'page=99999999999',
			'page=', 'page=%201', 'sort=date', 'sort=', 'sort=DUE', 'sort=due;drop', 'sort=name']) {
			const res = await karin.get(`/?${q}`);
			status(res, 400, q);
			has(res.text, q.startsWith('page') ? 'Sidnumret' : 'sorteras', `${q}: a Swedish reason`);
		}
	});
});
