import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { DISCLOSURE_ANSWERS, DISCLOSURE_ITEM } from '../factories/intake';

/**
 * Uploads and applicant names on the running server (issue 16, item 11): a file's type and size
 * come from the bytes stored, never from the client's claim; file names are made safe; an
 * applicant name made of control or invisible characters is refused, naming the field.
 */
const base = inject('serverUrl');
const dbPath = inject('serverDb');

async function upload(bytes: Uint8Array, name: string, type = 'application/pdf') {
	const body = new FormData();
	body.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
	// The Origin header only because SvelteKit's CSRF check wants one today (item 14 is another's).
	const res = await fetch(`${base}/api/v1/uploads`, {
		method: 'POST',
		headers: { origin: base },
		body
	});
	return { status: res.status, body: await res.json() };
}

const pdf = (tag: string) => new TextEncoder().encode(`%PDF-1.4\n% ${tag}\n%%EOF\n`);

/** A ZIP that mentions `OFD.xml` in an entry's content but has no such entry. */
function zipMentioningOfd(): Uint8Array {
	const name = Buffer.from('readme.txt');
	const data = Buffer.from('see OFD.xml');
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(name.length, 26);
	local.writeUInt32LE(data.length, 18);
	local.writeUInt32LE(data.length, 22);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(name.length, 28);
	const cdOffset = local.length + name.length + data.length;
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(central.length + name.length, 12);
	end.writeUInt32LE(cdOffset, 16);
	return Buffer.concat([local, name, data, central, name, end]);
}

describe('uploads judged by their bytes, with safe names', () => {
	it('strips path parts, control and direction characters from the file name', async () => {
		const res = await upload(pdf('named'), '..\\..\\C:\\证明\u0007材料\u202Efdp.exe');
		expect(res.status).toBe(201);
		expect(res.body.name).toBe('证明材料fdp.exe');
		expect(res.body.type).toBe('application/pdf');
		const slashes = await upload(pdf('slashes'), '../../etc/passwd');
		expect(slashes.body.name).toBe('passwd');
		const dots = await upload(pdf('dots'), '\u200B. . ');
		expect(dots.body.name).toBe('file');
		const long = await upload(pdf('long'), `${'长'.repeat(300)}.pdf`);
		expect([...long.body.name]).toHaveLength(100);
		expect(long.body.name.endsWith('.pdf')).toBe(true);
	});

	it('refuses a ZIP that only mentions OFD.xml, and takes the type from the bytes, not the claim', async () => {
		const fake = await upload(zipMentioningOfd(), 'x.ofd', 'application/ofd');
		expect(fake.status).toBe(415);
		expect(fake.body.error.code).toBe('FILE_TYPE');
		const png = await upload(
			new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
			'photo.pdf',
			'application/pdf'
		);
		expect(png.status).toBe(201);
		expect(png.body).toMatchObject({ type: 'image/png', size: 11 });
	});

	it('stores the size and type of the stored bytes in the application, whatever the answer claims', async () => {
		const proof = await upload(pdf('claimed'), 'proof.pdf');
		const res = await fetch(`${base}/api/v1/cases`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				item: DISCLOSURE_ITEM,
				applicant: { name: '张三' },
				answers: {
					...DISCLOSURE_ANSWERS,
					proof: { ...proof.body, name: '../../x\u202Egnp.pdf', size: 1, type: 'image/png' }
				}
			})
		});
		expect(res.status).toBe(201);
		const { caseNo } = await res.json();
		const db = new Database(dbPath, { readonly: true });
		const row = db.prepare('SELECT state FROM cases WHERE case_no = ?').get(caseNo) as {
			state: string;
		};
		db.close();
		expect(JSON.parse(row.state).data.proof).toMatchObject({
			ref: proof.body.ref,
			name: 'xgnp.pdf',
			size: proof.body.size,
			type: 'application/pdf'
		});
	});

	it('refuses an applicant name of control or invisible characters, in Chinese, naming the field', async () => {
		const proof = await upload(pdf('names'), 'proof.pdf');
		for (const name of [
			'\u200B\u200C\u200D',
			'\u0007\u0008',
			'\u202E\u2066',
			'\u3164\uFEFF',
			'张\u202E三'
		]) {
			const res = await fetch(`${base}/api/v1/cases`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					item: DISCLOSURE_ITEM,
					applicant: { name },
					answers: { ...DISCLOSURE_ANSWERS, proof: proof.body }
				})
			});
			expect(res.status, JSON.stringify(name)).toBe(422);
			const body = await res.json();
			const problem = body.errors.find((e: { field: string }) => e.field === 'applicant.name');
			expect(problem.message).toMatch(
				/^“申请人姓名或名称”(只含控制字符或看不见的字符|含有控制字符或改变文字方向的字符)/
			);
		}
	});
});
