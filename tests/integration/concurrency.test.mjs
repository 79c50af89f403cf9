// Issue 7: group commit through the real stack.  Saves that arrive at once
// are committed together by a worker's writer (src/store/writer.c); each must
// still be its own transaction: every acknowledged save has exactly one new
// version, which is its audit record (who, when, in which state), and of
// several saves from the same version exactly one wins while the others
// answer 409 and leave nothing behind.  The history shows the saves among
// the workflow events in the order they happened, even within one second.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startStack, client, parseForm, describeRes, pnr, sql, REPO } from './lib.mjs';

const DRAFTS = 12;
const SAME = 8;

const PLAN = {
	goal: 'Arbete inom lager.', 'subgoals/subgoal[1]': 'Truckkort.',
	'activities/activity[1]/what': 'Truckutbildning', 'activities/activity[1]/how': 'Kurs.',
	'activities/activity[1]/when': 'Vecka 12', followUp: '2026-12-15',
	'signatures/customer/signedBy': 'Kund', 'signatures/customer/date': '2026-11-02',
	'signatures/provider/signedBy': 'Anna Andersson', 'signatures/provider/date': '2026-11-02',
};

// Versions, saves recorded (versions with the saver's state), events
// (which a save no longer writes) and the version number of a document.
async function counts(dir, id) {
	const [versions, saves, events, version] = (await sql(dir,
		`SELECT (SELECT count(*) FROM document_versions WHERE document_id = ${id}),
		        (SELECT count(*) FROM document_versions v JOIN users u ON u.id = v.saved_by
		         WHERE v.document_id = ${id} AND v.state = 'draft' AND u.login = 'anna'),
		        (SELECT count(*) FROM events WHERE document_id = ${id}),
		        (SELECT version FROM documents WHERE id = ${id})`)).split('|').map(Number);
	return { versions, saves, events, version };
}

// The "vad" column of the history table, oldest first.
function historyActions(html) {
	const labels = { 'Skapade utkast': 'create', Sparade: 'save', Klarmarkerade: 'submit',
		'Återremitterade': 'return', 'Godkände': 'approve' };
	const re = new RegExp(`<td>\\s*(${Object.keys(labels).join('|')})\\s*</td>`, 'g');
	return [...html.matchAll(re)].map((m) => labels[m[1]]);
}

/**
 * n drafts of anna's on n new placements (customers with serials from
 * first), each created by a save: [{ id, form }] with the edit form of
 * version 1.
 */
async function makeDrafts(stack, anna, n, first) {
	const drafts = [];
	const insats = (...args) => {
		const r = spawnSync(join(REPO, 'build/insats'), [...args, '--config', join(stack.dir, 'insats.conf')],
			{ encoding: 'utf8' });
		assert.equal(r.status, 0, `insats ${args.join(' ')}: ${r.stderr}`);
		return r.stdout.trim();
	};
	for (let i = 0; i < n; i++) {
		const number = pnr('19900105', String(first + i));
		insats('customer', 'add', '--pnr', number, '--name', `Kund Samtidig ${i}`, '--counsellor', 'karin');
		const placement = insats('placement', 'add', '--customer', number, '--code', 'AMI2',
			'--provider', 'Framtid AB', '--start', '2026-10-05');
		const nf = await anna.get(`/documents/new?placement=${placement}&kind=plan`);
		const f = parseForm(nf.text, '/documents');
		for (const [k, v] of Object.entries(PLAN)) f.set(k, v);
		if (f.has('scope/extent')) f.set('scope/extent', 'fulltime');
		const res = await anna.postForm('/documents', f.press('_action', 'save'));
		assert.equal(res.status, 303, describeRes(res));
		const id = Number(/\/documents\/(\d+)/.exec(res.location)?.[1]);
		assert.ok(id, res.location);
		const edit = await anna.get(`/documents/${id}/edit`);
		drafts.push({ id, form: parseForm(edit.text, `/documents/${id}`) });
	}
	return drafts;
}

describe('saves that arrive together commit together, each on its own', { timeout: 120000 }, () => {
	let stack; let anna;
	let drafts = [];	// { id, form } with the edit form of version 1

	before(async () => {
		stack = await startStack('integration-concurrency');
		anna = client(stack, 'anna');
		drafts = await makeDrafts(stack, anna, DRAFTS, 300);
	});

	after(async () => {
		await stack?.stop();
	});

	it(`${DRAFTS} saves of ${DRAFTS} drafts at once: each kept as its own version`, async () => {
		const before_ = await Promise.all(drafts.map((d) => counts(stack.dir, d.id)));
		const res = await Promise.all(drafts.map((d, i) => {
			d.form.set('goal', `Arbete inom lager, samtidig ${i}.`);
			return anna.postForm(`/documents/${d.id}`, d.form.press('_action', 'save'));
		}));
		for (const r of res) assert.equal(r.status, 303, describeRes(r));
		for (const [i, d] of drafts.entries()) {
			const now = await counts(stack.dir, d.id);
			assert.deepEqual(now, {
				versions: before_[i].versions + 1, saves: before_[i].saves + 1,
				events: before_[i].events, version: before_[i].version + 1,
			}, `document ${d.id}`);
			const xml = await anna.get(`/documents/${d.id}?format=xml`);
			assert.match(xml.text, new RegExp(`samtidig ${i}\\.`), `document ${d.id} holds its own text`);
		}
	});

	it(`${SAME} saves from the same version of one draft: one wins, ${SAME - 1} answer 409`, async () => {
		const d = drafts[0];
		const edit = await anna.get(`/documents/${d.id}/edit`);
		const f = parseForm(edit.text, `/documents/${d.id}`);
		const before_ = await counts(stack.dir, d.id);
		const res = await Promise.all(Array.from({ length: SAME }, (_, i) => {
			f.set('goal', `Tävlande ändring ${i}.`);
			return anna.postForm(`/documents/${d.id}`, f.press('_action', 'save'));
		}));
		const statuses = res.map((r) => r.status).sort();
		assert.deepEqual(statuses, [303, ...Array(SAME - 1).fill(409)], res.map(describeRes).join('\n'));
		assert.deepEqual(await counts(stack.dir, d.id), {
			versions: before_.versions + 1, saves: before_.saves + 1,
			events: before_.events, version: before_.version + 1,
		});
	});
});

describe('the history places each save among the events, in order, within one second', { timeout: 120000 }, () => {
	let stack; let anna;
	let drafts = [];

	before(async () => {
		stack = await startStack('integration-concurrency-history');
		anna = client(stack, 'anna');
		drafts = await makeDrafts(stack, anna, 2, 300);
		// drafts[1] saved once more, as by the saves arriving together.
		const d = drafts[1];
		const res = await anna.postForm(`/documents/${d.id}`, d.form.press('_action', 'save'));
		assert.equal(res.status, 303, describeRes(res));
	});

	after(async () => {
		await stack?.stop();
	});

	it('the history places each save among the events, in order, within one second', async () => {
		const karin = client(stack, 'karin');
		const d = drafts[1];
		const save = async () => {
			const edit = await anna.get(`/documents/${d.id}/edit`);
			const res = await anna.postForm(`/documents/${d.id}`,
				parseForm(edit.text, `/documents/${d.id}`).press('_action', 'save'));
			assert.equal(res.status, 303, describeRes(res));
		};
		const act = async (who, action, extra) => {
			const res = await who.action(d.id, action, (await who.get(`/documents/${d.id}`)).text, extra);
			assert.equal(res.status, 303, describeRes(res));
		};
		await save();
		await act(anna, 'submit');
		await act(karin, 'return', { comment: 'Komplettera målet.' });
		await save();
		await act(anna, 'submit');
		const history = await karin.get(`/documents/${d.id}/history`);
		assert.equal(history.status, 200, describeRes(history));
		// create and the save of the set-up, then this test's steps.
		assert.deepEqual(historyActions(history.text),
			['create', 'save', 'save', 'submit', 'return', 'save', 'submit']);
		const returned = await sql(stack.dir, `SELECT state FROM document_versions
			WHERE document_id = ${d.id} ORDER BY version DESC LIMIT 1`);
		assert.equal(returned, 'returned', 'the last save was made in the returned state');
	});
});
