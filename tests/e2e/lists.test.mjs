// Issue 6, the lists in a real browser: anna finds a customer with the
// search box of her start page (by name and by personal number, typed with
// the keyboard), does not find a protected customer nor another provider's,
// and a too-short query is answered at the field; karin sorts her review
// queue by due date both ways with the column header link; the pager of a
// long list has named links.  Every page is scanned by axe-core and
// photographed into tests/e2e/out/.  The tests of this file run in order on
// one stack.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { setup, REPO } from './lib.mjs';
import { client, parseForm, rowOf, links } from '../integration/lib.mjs';

const run = promisify(execFile);
const BIN = process.env.INSATS_BIN || join(REPO, 'build/insats');
const EVA = { name: 'Eva Ek', pnr: '19850312-2387', short: '850312-2387' };
const OSKAR = 'Oskar Lind';	// karin's, at Framtid AB, no plan in the demo
const EXTRA = 50;	// placements added for the pager (a page holds 50 rows)

/** YYYY-MM-DD of today plus DAYS, in Stockholm. */
function day(days) {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' })
		.format(new Date(Date.now() + days * 86400000));
}

/** The personal number with its check digit: s is YYYYMMDD-NNN. */
function withLuhn(s) {
	const d = s.replace(/\D/g, '').slice(2).split('').map(Number);
	const sum = d.reduce((a, v, i) => {
		const x = v * (i % 2 === 0 ? 2 : 1);
		return a + (x > 9 ? x - 9 : x);
	}, 0);
	return s + String((10 - (sum % 10)) % 10);
}

describe('issue 6: search, sorting and paging in Chromium', { timeout: 90000 }, () => {
	let env;
	let anna;
	let karin;
	let evaPlacement = '';	// /placements/ID of Eva Ek's placement
	const queued = [];	// ids of the plans karin must review, in order of submission

	before(async () => {
		env = await setup('lists');
		anna = await env.as('anna');
		karin = await env.as('karin');
	});
	after(async () => {
		if (env) await env.close();
	});

	/** The section of the page whose heading has id ID. */
	function section(v, id) {
		return v.page.locator('section', { has: v.page.locator(`h2#${id}`) });
	}

	/** Tabs to the search field, types Q and presses Enter; waits for the answer. */
	async function search(v, q) {
		const input = v.page.getByRole('textbox', { name: 'Sök kund' });
		await v.typeInto(input, q);
		await Promise.all([v.page.waitForEvent('load'), v.page.keyboard.press('Enter')]);
		assert.equal(v.pathname(), '/search');
		assert.equal(new URL(v.page.url()).searchParams.get('q'), q, 'the query typed is sent');
	}

	/** The customer names of the hits shown, in order. */
	async function hits(v) {
		return v.page.locator('main table tbody th[scope="row"] a').allInnerTexts();
	}

	it('anna types "eva" in the search box of her start page, presses Enter and finds Eva Ek', async () => {
		const p = anna.page;
		await anna.goto('/');
		await anna.check('anna-start');
		assert.equal(await p.getByRole('search', { name: 'Sök kund' }).count(), 1, 'a search landmark');
		await search(anna, 'eva');
		await anna.check('anna-search-eva');
		assert.match(await p.title(), /^Sökresultat/);
		assert.deepEqual(await hits(anna), [EVA.name], 'Eva Ek is the only hit');
		assert.match(await p.getByRole('status').innerText(), /1 träff för ”eva”/);
		const row = p.locator('main tbody tr', { hasText: EVA.name });
		assert.match(await row.innerText(), new RegExp(EVA.pnr), 'the hit shows her personal number');
		assert.match(await row.innerText(), /Framtid AB/);
		assert.equal(await p.getByRole('textbox', { name: 'Sök kund' }).inputValue(), 'eva',
			'the query stays in the field');

		await Promise.all([p.waitForEvent('load'), row.getByRole('link', { name: EVA.name }).click()]);
		await anna.check('anna-eva-placement');
		evaPlacement = anna.pathname();
		assert.match(evaPlacement, /^\/placements\/\d+$/, 'the hit leads to her placement');
		assert.match(await anna.mainText(), new RegExp(EVA.name));
		assert.match(await anna.mainText(), new RegExp(EVA.pnr));
	});

	it('anna finds Eva Ek by her personal number written with ten digits and a dash', async () => {
		await anna.goto('/search');
		await anna.check('anna-search-empty-form');
		assert.equal(await anna.page.locator('main table').count(), 0, 'no results without a query');
		await search(anna, EVA.short);
		await anna.check('anna-search-pnr');
		assert.deepEqual(await hits(anna), [EVA.name]);
		assert.equal(await anna.page.locator('main tbody tr').first().getByRole('link').getAttribute('href'),
			evaPlacement, 'the same placement');
	});

	it('anna finds neither the protected Maria Skog nor Ahmed Hassan of another provider', async () => {
		for (const q of ['Maria', 'Ahmed']) {
			await search(anna, q);
			await anna.check(`anna-search-${q.toLowerCase()}`);
			assert.deepEqual(await hits(anna), [], `${q}: no hit`);
			const msg = await anna.page.getByRole('status').innerText();
			assert.match(msg, new RegExp(`Ingen kund hittades för ”${q}”`), `${q}: the empty message`);
			const text = await anna.mainText();
			assert.doesNotMatch(text, /Maria Skog|Ahmed Hassan|Skyddad identitet|19770707|19881021/,
				`${q}: nothing of the customer shows`);
		}
	});

	it('a one-letter query is answered at the field, with aria-invalid and an error summary', async () => {
		const p = anna.page;
		await search(anna, 'e');
		await anna.check('anna-search-too-short', { status: 400 });
		assert.match(await p.title(), /^Fel/, 'the title says something is wrong');

		const summary = p.locator('.error-summary[role="alert"]');
		await summary.waitFor({ state: 'visible' });
		const link = summary.locator('a[href="#f-q"]');
		assert.equal(await link.count(), 1, 'the summary links to the field');
		assert.match(await link.innerText(), /minst 2 tecken/);
		const box = await summary.boundingBox();
		assert.ok(box && box.y < 400, `the summary is at the top (y=${box?.y})`);

		const input = p.getByRole('textbox', { name: 'Sök kund' });
		assert.equal(await input.getAttribute('aria-invalid'), 'true');
		assert.equal(await input.inputValue(), 'e', 'what was typed is kept');
		const ids = (await input.getAttribute('aria-describedby') ?? '').split(/\s+/);
		assert.ok(ids.includes('e-q'), `aria-describedby names the message: ${ids}`);
		const msg = p.locator('#e-q');
		assert.match(await msg.innerText(), /minst 2 tecken/);
		const [mb, ib] = [await msg.boundingBox(), await input.boundingBox()];
		assert.ok(mb && ib && Math.abs(mb.y - ib.y) < 120, 'the message is right next to the field');
		assert.equal(await p.locator('main table').count(), 0, 'no results');

		await link.click();
		assert.equal(new URL(p.url()).hash, '#f-q', 'the summary link leads to the field');
	});

	it('karin sorts her review queue by due date both ways with the column header link', async () => {
		// Two plans, Eva Ek's then Oskar Lind's, submitted by anna over HTTP.
		const http = client(env.stack, 'anna');
		const start = await http.get('/');
		assert.equal(start.status, 200);
		for (const who of [EVA.name, OSKAR]) {
			const href = rowOf(start.text, who, { all: true }).flatMap((r) => links(r))
				.find((h) => /^\/documents\/new\?placement=\d+&kind=plan$/.test(h));
			assert.ok(href, `a link to start ${who}'s plan`);
			const form = parseForm((await http.get(href)).text, '/documents');
			assert.ok(form, `${who}: the new plan form`);
			form.set('goal', 'Arbete inom handel.').set('subgoals/subgoal[1]', 'Praktik.')
				.set('activities/activity[1]/what', 'Praktik').set('activities/activity[1]/how', 'Hos en butik.')
				.set('activities/activity[1]/when', 'Vecka 12').set('followUp', day(30))
				.set('signatures/customer/signedBy', who).set('signatures/customer/date', day(-2))
				.set('signatures/provider/signedBy', 'Anna Andersson').set('signatures/provider/date', day(-2));
			if (form.has('scope/extent')) form.set('scope/extent', 'fulltime');
			const saved = await http.postForm('/documents', form.press('_action', 'save'));
			assert.equal(saved.status, 303, `${who}: the plan is saved`);
			const id = /^\/documents\/(\d+)(?:\?|$)/.exec(saved.location)?.[1];
			assert.ok(id, `${who}: saved as ${saved.location}`);
			const done = await http.action(id, 'submit', (await http.get(`/documents/${id}`)).text);
			assert.equal(done.status, 303, `${who}: the plan is submitted`);
			queued.push(id);
		}

		const p = karin.page;
		const queue = section(karin, 'h-queue');
		const header = queue.locator('th[aria-sort]');
		const order = async () => (await queue.locator('tbody th[scope="row"] a').evaluateAll(
			(as) => as.map((a) => a.getAttribute('href')))).map((h) => h.replace('/documents/', ''));
		const dues = async () => (await queue.locator('tbody tr td:last-child').allInnerTexts())
			.map((t) => /\d{4}-\d{2}-\d{2}/.exec(t)?.[0]);

		await karin.goto('/');
		await karin.check('karin-queue-default');
		assert.equal(await header.getAttribute('aria-sort'), 'ascending', 'oldest first by default');
		assert.deepEqual(await order(), queued, 'first submitted first');
		const up = await dues();
		assert.deepEqual(up, [...up].sort(), `review due dates ascending: ${up}`);

		const sortLink = header.getByRole('link', { name: /^Granskas senast/ });
		await Promise.all([p.waitForEvent('load'), sortLink.click()]);
		await karin.check('karin-queue-descending');
		assert.equal(karin.path(), '/?page=1&sort=-due');
		assert.equal(await header.getAttribute('aria-sort'), 'descending');
		assert.deepEqual(await order(), [...queued].reverse(), 'last submitted first');
		const down = await dues();
		assert.deepEqual(down, [...down].sort().reverse(), `review due dates descending: ${down}`);
		assert.match(await sortLink.innerText(), /Granskas senast/, 'the header keeps its name');

		await Promise.all([p.waitForEvent('load'), sortLink.click()]);
		await karin.check('karin-queue-ascending');
		assert.equal(karin.path(), '/?page=1&sort=due');
		assert.equal(await header.getAttribute('aria-sort'), 'ascending');
		assert.deepEqual(await order(), queued, 'first submitted first again');
	});

	it('a long list is paged with links named for their list, and paging keeps the order', async () => {
		// A customer of karin's with EXTRA placements at Framtid AB.
		const pnr = withLuhn('19900517-123');
		const conf = ['--db', join(env.stack.dir, 'insats.db'), '--config', join(env.stack.dir, 'insats.conf')];
		await run(BIN, ['customer', 'add', '--pnr', pnr, '--name', 'Nils Nilsson', '--counsellor', 'karin', ...conf],
			{ timeout: 10000 });
		for (let i = 0; i < EXTRA; i++) {
			await run(BIN, ['placement', 'add', '--customer', pnr, '--code', 'AMI1', '--provider', 'Framtid AB',
				'--start', day(-10), ...conf], { timeout: 10000 });
		}

		const p = karin.page;
		await karin.goto('/?page=1&sort=-due');
		await karin.check('karin-page-1');
		const pager = section(karin, 'h-placements').getByRole('navigation', { name: 'Sidor: Mina kunder' });
		assert.equal(await pager.count(), 1, 'a named pager under "Mina kunder"');
		assert.equal(await section(karin, 'h-placements').locator('tbody tr').count(), 50, '50 rows on page 1');
		assert.match(await pager.ariaSnapshot(), /\blink "Nästa sida: Mina kunder"/);
		assert.doesNotMatch(await pager.ariaSnapshot(), /Föregående/, 'no previous page on page 1');
		const next = pager.getByRole('link', { name: 'Nästa sida: Mina kunder', exact: true });
		assert.equal(await next.getAttribute('href'), '/?page=2&sort=-due', 'paging keeps the order');

		// From the end of the page with Shift+Tab: the pager is the last stop.
		await karin.tabTo(next, { back: true, max: 5 });
		await Promise.all([p.waitForEvent('load'), p.keyboard.press('Enter')]);
		await karin.check('karin-page-2');
		assert.equal(karin.path(), '/?page=2&sort=-due');
		const rows = await section(karin, 'h-placements').locator('tbody tr').count();
		assert.ok(rows >= 1 && rows <= 50, `the rest on page 2: ${rows}`);
		const snap = await pager.ariaSnapshot();
		assert.match(snap, /\blink "Föregående sida: Mina kunder"/);
		assert.doesNotMatch(snap, /Nästa/, 'page 2 is the last');
		// karin's queue has no second page: it says so and links back.
		const queue = section(karin, 'h-queue');
		assert.match(await queue.innerText(), /Sidan 2 är tom/);
		assert.equal(await queue.getByRole('link', { name: 'Gå till första sidan' }).getAttribute('href'),
			'/?page=1&sort=-due');

		await Promise.all([p.waitForEvent('load'),
			pager.getByRole('link', { name: 'Föregående sida: Mina kunder', exact: true }).click()]);
		await karin.check('karin-page-1-again');
		assert.equal(karin.path(), '/?page=1&sort=-due');
		assert.equal(await section(karin, 'h-queue').locator('th[aria-sort]').getAttribute('aria-sort'),
			'descending', 'the order is kept');
	});
});
