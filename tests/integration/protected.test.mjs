// Issue 13, point 6: protected identities by category (skyddad
// folkbokföring, sekretessmarkering, fingerade personuppgifter), through
// nginx and the command line.  Each category is named on the placement
// page with what it means for the work; name and number only for the
// responsible counsellor; every read of a protected customer's record is
// logged (who, when, what), and the counsellor sees the log.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startStack, client, textOf, describeRes, sql, pnr, REPO } from './lib.mjs';

const run = promisify(execFile);
const BIN = process.env.INSATS_BIN || join(REPO, 'build/insats');

function status(res, expected, what) {
	assert.equal(res.status, expected, `${what}: expected ${expected}, got ${describeRes(res)}`);
}

/**
 * A stack of its own for the enclosing describe() block: clients of anna,
 * karin and kalle, the protected Maria Skog (customer id and placement)
 * and Eva Ek's placement, filled before the block's tests.
 */
function ownStack(name) {
	const own = {};
	before(async () => {
		const stack = own.stack = await startStack(name);
		[own.anna, own.karin, own.kalle] = ['anna', 'karin', 'kalle'].map((u) => client(stack, u));
		own.maria = await sql(stack.dir, "SELECT id FROM customers WHERE name = 'Maria Skog'");
		own.mariaP = await sql(stack.dir, `SELECT id FROM placements WHERE customer_id = ${own.maria}`);
		own.evaP = await sql(stack.dir, `SELECT p.id FROM placements p JOIN customers c ON c.id = p.customer_id
			WHERE c.name = 'Eva Ek'`);
	});
	after(async () => { await own.stack?.stop(); });
	return own;
}

describe('a protected identity is named by its category to the provider, and every read of the record is logged for its counsellor', { timeout: 120000 }, () => {
	const own = ownStack('integration-protected');
	let stack; let anna; let karin; let kalle; let maria; let mariaP; let evaP;
	before(() => ({ stack, anna, karin, kalle, maria, mariaP, evaP } = own));

	it('names the category to the provider without the name or number', async () => {
		const page = await anna.get(`/placements/${mariaP}`);
		status(page, 200, 'anna, the provider');
		const text = textOf(page.text);
		assert.match(text, /Skyddad identitet: skyddad folkbokföring/);
		assert.match(text, /Lämna aldrig ut var kunden bor/);
		assert.ok(!text.includes('Maria Skog') && !text.includes('19770707'), 'no name or number');
		assert.ok(!text.includes('Senaste läsningarna'), 'the provider does not see the read log');
	});

	it('logs every read of the record, and only of protected customers', async () => {
		const before = Number(await sql(stack.dir, `SELECT count(*) FROM protected_reads WHERE customer_id = ${maria}`));
		status(await anna.get(`/placements/${mariaP}`), 200, 'a second read');
		const doc = await sql(stack.dir, `SELECT count(*) FROM protected_reads`);
		const rows = (await sql(stack.dir, `SELECT u.login || ' ' || r.what FROM protected_reads r
			JOIN users u ON u.id = r.user_id WHERE r.customer_id = ${maria} ORDER BY r.id`)).split('\n');
		assert.equal(rows.length, before + 1, `one row more: ${rows.join('; ')}`);
		assert.equal(rows.at(-1), `anna GET /placements/${mariaP}`, 'who and what');
		status(await anna.get(`/placements/${evaP}`), 200, 'a customer without protection');
		assert.equal(await sql(stack.dir, 'SELECT count(*) FROM protected_reads'), doc, 'not logged');
		status(await kalle.get(`/placements/${mariaP}`), 404, 'not his customer');
		assert.equal(await sql(stack.dir, 'SELECT count(*) FROM protected_reads'), doc,
			'a refused read is not a read');
	});

	it('shows the responsible counsellor the name, the category and the read log', async () => {
		const page = await karin.get(`/placements/${mariaP}`);
		status(page, 200, 'karin');
		const text = textOf(page.text);
		assert.ok(text.includes('Maria Skog'), 'the name');
		assert.match(text, /Senaste läsningarna/);
		assert.match(text, new RegExp(`Anna Andersson \\(anordnare\\): GET /placements/${mariaP}`));
	});
});

describe('customer add takes each protection category and refuses an unknown one', { timeout: 120000 }, () => {
	const own = ownStack('integration-protected-categories');
	let stack;
	before(() => ({ stack } = own));
	const conf = () => ['--db', join(stack.dir, 'insats.db'), '--config', join(stack.dir, 'insats.conf')];

	it('takes each category from the command line and refuses an unknown one', async () => {
		const number = pnr('19880808', '238');
		await run(BIN, ['customer', 'add', '--pnr', number, '--name', 'Fia Fingerad', '--counsellor', 'karin',
			'--protection', 'fingerade', ...conf()]);
		assert.equal(await sql(stack.dir, `SELECT protected || ' ' || protection FROM customers
			WHERE pnr = '${number}'`), '1 fingerade');
		const bad = await run(BIN, ['customer', 'add', '--pnr', pnr('19880809', '238'), '--name', 'X Y',
			'--counsellor', 'karin', '--protection', 'hemlig', ...conf()]).catch((e) => e);
		assert.equal(bad.code, 2, 'exit 2');
		assert.match(String(bad.stderr), /skyddad-folkbokforing, sekretessmarkering, fingerade/);
		assert.equal(await sql(stack.dir, `SELECT count(*) FROM customers WHERE name = 'X Y'`), '0',
			'nothing stored');
		await run(BIN, ['customer', 'add', '--pnr', pnr('19880810', '238'), '--name', 'Sam Sekretess',
			'--counsellor', 'karin', '--protected', ...conf()]);
		assert.equal(await sql(stack.dir, `SELECT protection FROM customers WHERE name = 'Sam Sekretess'`),
			'sekretessmarkering', '--protected alone');
	});
});
