// Issue 7: group commit through the real stack.  Saves that arrive at once
// are committed together by a worker's writer (src/writer.c); each must
// still be its own transaction: every acknowledged save has exactly one new
// version and one audit event, and of several saves from the same version
// exactly one wins while the others answer 409 and leave nothing behind.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startStack, client, parseForm, describeRes, pnr, REPO } from './lib.mjs';

const run = promisify(execFile);
const DRAFTS = 12;
const SAME = 8;

const PLAN = {
	goal: 'Arbete inom lager.', 'subgoals/subgoal[1]': 'Truckkort.',
	'activities/activity[1]/what': 'Truckutbildning', 'activities/activity[1]/how': 'Kurs.',
	'activities/activity[1]/when': 'Vecka 12', followUp: '2026-12-15',
	'signatures/customer/signedBy': 'Kund', 'signatures/customer/date': '2026-11-02',
	'signatures/provider/signedBy': 'Anna Andersson', 'signatures/provider/date': '2026-11-02',
};

async function sql(dir, query) {
	const { stdout } = await run('sqlite3', ['-readonly', join(dir, 'insats.db'), query]);
	return stdout.trim();
}

// Versions and save events of a document, and its version number.
async function counts(dir, id) {
	const [versions, saves, version] = (await sql(dir,
		`SELECT (SELECT count(*) FROM document_versions WHERE document_id = ${id}),
		        (SELECT count(*) FROM events WHERE document_id = ${id} AND action = 'save'),
		        (SELECT version FROM documents WHERE id = ${id})`)).split('|').map(Number);
	return { versions, saves, version };
}

describe('issue 7: saves that arrive together commit together, each on its own', { timeout: 120000 }, () => {
	let stack; let anna;
	const drafts = [];	// { id, form } with the edit form of version 1

	before(async () => {
		stack = await startStack('integration-concurrency');
		anna = client(stack, 'anna');
		const insats = (...args) => {
			const r = spawnSync(join(REPO, 'build/insats'), [...args, '--config', join(stack.dir, 'insats.conf')],
				{ encoding: 'utf8' });
			assert.equal(r.status, 0, `insats ${args.join(' ')}: ${r.stderr}`);
			return r.stdout.trim();
		};
		for (let i = 0; i < DRAFTS; i++) {
			const number = pnr('19900105', String(300 + i));
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
	});

	after(async () => {
		await stack?.stop();
	});

	it(`${DRAFTS} saves of ${DRAFTS} drafts at once: each kept with its own version and event`, async () => {
		const before_ = await Promise.all(drafts.map((d) => counts(stack.dir, d.id)));
		const res = await Promise.all(drafts.map((d, i) => {
			d.form.set('goal', `Arbete inom lager, samtidig ${i}.`);
			return anna.postForm(`/documents/${d.id}`, d.form.press('_action', 'save'));
		}));
		for (const r of res) assert.equal(r.status, 303, describeRes(r));
		for (const [i, d] of drafts.entries()) {
			const now = await counts(stack.dir, d.id);
			assert.deepEqual(now, {
				versions: before_[i].versions + 1, saves: before_[i].saves + 1, version: before_[i].version + 1,
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
		assert.deepEqual(await counts(stack.dir, d.id),
			{ versions: before_.versions + 1, saves: before_.saves + 1, version: before_.version + 1 });
	});
});
