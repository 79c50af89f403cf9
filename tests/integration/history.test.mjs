// Issue 15: a document's view shows only the latest entries of its history
// (every form save is one), says how many there are in all and links the
// history page, which keeps showing every entry.  The return comment at the
// top of a returned document's view does not depend on that short list: a
// return made before many later saves still shows.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startStack, client, parseForm, describeRes, pnr, sql, textOf, REPO } from './lib.mjs';

// VIEW_HISTORY_ENTRIES in src/web/handlers_doc.c.
const SHOWN = 10;
// More than SHOWN + 2 saves, so the view leaves out the creation and more.
const SAVES = SHOWN + 4;
const COMMENT = 'Målet behöver vara mätbart, ange delmål per månad.';

const PLAN = {
	goal: 'Arbete inom lager.', 'subgoals/subgoal[1]': 'Truckkort.',
	'activities/activity[1]/what': 'Truckutbildning', 'activities/activity[1]/how': 'Kurs.',
	'activities/activity[1]/when': 'Vecka 12', followUp: '2026-12-15',
	'signatures/customer/signedBy': 'Kund', 'signatures/customer/date': '2026-11-02',
	'signatures/provider/signedBy': 'Anna Andersson', 'signatures/provider/date': '2026-11-02',
};

// The "vad" words of the history table's rows, oldest first, and the HTML
// of the history section (the view's) or of <main> (the history page).
const LABELS = { 'Skapade utkast': 'create', Sparade: 'save', Klarmarkerade: 'submit',
	'Återremitterade': 'return', 'Godkände': 'approve' };
function historyActions(html) {
	const table = /<table class="history-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
	const re = new RegExp(`<td>\\s*(${Object.keys(LABELS).join('|')})\\s*</td>`, 'g');
	return [...table.matchAll(re)].map((m) => LABELS[m[1]]);
}
function historySection(html) {
	return /<section class="history"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
}
function returnBox(html) {
	return /<section class="return-comment"[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;
}

describe('the history on a document\'s view', { timeout: 180000 }, () => {
	let stack; let anna; let karin;
	let doc; let small;

	const insats = (...args) => {
		const r = spawnSync(join(REPO, 'build/insats'), [...args, '--config', join(stack.dir, 'insats.conf')],
			{ encoding: 'utf8' });
		assert.equal(r.status, 0, `insats ${args.join(' ')}: ${r.stderr}`);
		return r.stdout.trim();
	};

	// A new draft plan on a new placement of Framtid AB, created by a save.
	async function newDraft(serial) {
		const number = pnr('19900105', String(serial));
		insats('customer', 'add', '--pnr', number, '--name', `Kund Historik ${serial}`, '--counsellor', 'karin');
		const placement = insats('placement', 'add', '--customer', number, '--code', 'AMI2',
			'--provider', 'Framtid AB', '--start', '2026-10-05');
		const f = parseForm((await anna.get(`/documents/new?placement=${placement}&kind=plan`)).text, '/documents');
		for (const [k, v] of Object.entries(PLAN)) f.set(k, v);
		if (f.has('scope/extent')) f.set('scope/extent', 'fulltime');
		const res = await anna.postForm('/documents', f.press('_action', 'save'));
		assert.equal(res.status, 303, describeRes(res));
		const id = Number(/\/documents\/(\d+)/.exec(res.location)?.[1]);
		assert.ok(id, res.location);
		return id;
	}

	async function save(id, n) {
		for (let i = 0; i < n; i++) {
			const edit = await anna.get(`/documents/${id}/edit`);
			const res = await anna.postForm(`/documents/${id}`,
				parseForm(edit.text, `/documents/${id}`).press('_action', 'save'));
			assert.equal(res.status, 303, describeRes(res));
		}
	}

	async function act(who, id, action, extra) {
		const res = await who.action(id, action, (await who.get(`/documents/${id}`)).text, extra);
		assert.equal(res.status, 303, describeRes(res));
	}

	// The entries of the history as the store has them: events and saves.
	async function entries(id) {
		return Number(await sql(stack.dir, `SELECT (SELECT count(*) FROM events WHERE document_id = ${id})
			+ (SELECT count(*) FROM document_versions WHERE document_id = ${id} AND state IS NOT NULL)`));
	}

	before(async () => {
		stack = await startStack('integration-history');
		anna = client(stack, 'anna');
		karin = client(stack, 'karin');
		doc = await newDraft(400);
		await save(doc, SAVES);
		small = await newDraft(401);
		await save(small, 2);
	});

	after(async () => {
		await stack?.stop();
	});

	it(`shows the latest ${SHOWN} entries, how many there are and a link to all of them`, async () => {
		const total = 1 + SAVES;
		assert.equal(await entries(doc), total, 'the creation and every save are entries');
		const view = await anna.get(`/documents/${doc}`);
		assert.equal(view.status, 200, describeRes(view));
		assert.deepEqual(historyActions(view.text), Array(SHOWN).fill('save'),
			`the latest ${SHOWN} entries, the creation left out`);
		const section = historySection(view.text);
		assert.ok(textOf(section).includes(`De ${SHOWN} senaste händelserna visas.`), textOf(section));
		assert.ok(section.includes(`<a href="/documents/${doc}/history">Visa hela historiken (${total} händelser)</a>`),
			`a real link to the whole history, with the count: ${section}`);

		const full = await anna.get(`/documents/${doc}/history`);
		assert.equal(full.status, 200, describeRes(full));
		assert.deepEqual(historyActions(full.text), ['create', ...Array(SAVES).fill('save')],
			'the history page shows every entry');
		assert.ok(!full.text.includes('Visa hela historiken'), 'the history page is whole');
	});

	it('shows a short history whole, without the line', async () => {
		const view = await anna.get(`/documents/${small}`);
		assert.equal(view.status, 200, describeRes(view));
		assert.deepEqual(historyActions(view.text), ['create', 'save', 'save']);
		assert.ok(!view.text.includes('Visa hela historiken') && !view.text.includes('senaste händelserna'),
			historySection(view.text));
	});

	it('keeps the latest return comment on the view after many later saves', async () => {
		await act(anna, doc, 'submit');
		await act(karin, doc, 'return', { comment: 'Ett första besked.' });
		await act(anna, doc, 'submit');
		await act(karin, doc, 'return', { comment: COMMENT });
		await save(doc, SHOWN + 2);
		const total = 1 + SAVES + 4 + SHOWN + 2;
		assert.equal(await entries(doc), total);
		for (const who of [anna, karin]) {
			const view = await who.get(`/documents/${doc}`);
			assert.equal(view.status, 200, describeRes(view));
			const actions = historyActions(view.text);
			assert.ok(!actions.includes('return') && actions.length === SHOWN,
				`the return is no longer among the view's entries: ${actions}`);
			const box = returnBox(view.text);
			assert.ok(box, `the return comment is shown while returned (${who.user})`);
			assert.ok(textOf(box).includes(COMMENT) && !textOf(box).includes('Ett första besked'),
				`the latest return's comment: ${textOf(box)}`);
			assert.ok(textOf(box).includes('Karin Karlsson'), textOf(box));
			assert.ok(historySection(view.text).includes(`Visa hela historiken (${total} händelser)`),
				historySection(view.text));
		}
		const full = await anna.get(`/documents/${doc}/history`);
		const actions = historyActions(full.text);
		assert.equal(actions.length, total, 'the history page has every entry');
		assert.deepEqual(actions.slice(SAVES + 1, SAVES + 5), ['submit', 'return', 'submit', 'return']);
		assert.ok(full.text.includes(COMMENT) && full.text.includes('Ett första besked.'));

		await act(anna, doc, 'submit');
		const view = await karin.get(`/documents/${doc}`);
		assert.equal(returnBox(view.text), null, 'no return comment once submitted again');
	});
});
