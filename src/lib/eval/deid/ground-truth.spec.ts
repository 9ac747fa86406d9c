import { describe, expect, it } from 'vitest';
import { EnclaveError } from '$lib/errors';
import {
	DEFAULT_LABEL_MAPPING,
	LabelMapper,
	labelSummary,
	parseBrat,
	parseCasJson,
	parseJsonl
} from './ground-truth';

/** The error a call throws, to check its code and params. */
function thrown(fn: () => unknown): EnclaveError {
	try {
		fn();
	} catch (err) {
		if (err instanceof EnclaveError) return err;
		throw err;
	}
	throw new Error('did not throw');
}

const TEXT = 'Herr Max Kranz, geb. 03.04.1950, wohnhaft in 69115 Heidelberg.';
const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

function cas(spans: object[], text = TEXT): string {
	return JSON.stringify({
		'%TYPES': {},
		'%FEATURE_STRUCTURES': [
			{ '%ID': 1, '%TYPE': 'uima.cas.Sofa', sofaID: '_InitialView', sofaString: text },
			{
				'%ID': 2,
				'%TYPE': 'de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData',
				'@sofa': 1,
				documentTitle: 'Kranz.txt',
				language: 'de'
			},
			{
				'%ID': 3,
				'%TYPE': 'de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token',
				'@sofa': 1
			},
			...spans.map((s, i) => ({ '%ID': 10 + i, '%TYPE': 'webanno.custom.PHI', '@sofa': 1, ...s }))
		],
		'%VIEWS': { _InitialView: { '%SOFA': 1, '%MEMBERS': [2, 3] } }
	});
}

describe('label mapping', () => {
	it('maps the labels of all four development corpora, and of i2b2 2014', () => {
		const m = new LabelMapper();
		expect(m.type('NAME_DOCTOR')).toBe('name_clinician');
		expect(m.type('LOCATION_ZIP')).toBe('postal_code');
		expect(m.type('HCPName')).toBe('name_clinician');
		expect(m.type('US_SSN')).toBe('id');
		expect(m.type('CORREO_ELECTRONICO')).toBe('email');
		expect(m.type('MEDICALRECORD')).toBe('id');
		expect(m.type('PHONE')).toBe('phone');
		expect(m.lookup('SEXO_SUJETO_ASISTENCIA')).toBeNull();
		expect(m.lookup('SOMETHING_ELSE')).toBeUndefined();
	});

	it('ignores case when the exact label is not in the mapping', () => {
		const m = new LabelMapper();
		expect(m.type('Date')).toBe('date');
		expect(m.type('date_time')).toBe('date');
		expect(m.type('phone')).toBe('phone');
	});

	it('lets the user override labels, drop them (null) and add new ones', () => {
		const m = new LabelMapper({ location: 'institution', date: null, Zimmer: 'id' });
		// `location` replaces both PhysioNet's Location and Presidio's LOCATION.
		expect(m.type('Location')).toBe('institution');
		expect(m.type('LOCATION')).toBe('institution');
		expect(m.lookup('DATE')).toBeNull();
		expect(m.type('zimmer')).toBe('id');
		expect(DEFAULT_LABEL_MAPPING.Location).toBe('city');
	});

	it('rejects a mapping to a type Enclave does not have', () => {
		const err = thrown(() => new LabelMapper({ PERSON: 'human' as never }));
		expect(err.code).toBe('evalDeid.badMapping');
		expect(err.params).toMatchObject({ label: 'PERSON', type: 'human' });
	});
});

describe('parseCasJson', () => {
	it('reads the text, the spans with their kinds, the title and the language', () => {
		const doc = parseCasJson(
			'Kranz.txt_phi.json',
			cas([
				{ begin: 51, end: 61, kind: 'LOCATION_CITY' },
				{ begin: 5, end: 14, kind: 'NAME_PATIENT' },
				{ begin: 21, end: 31, kind: 'DATE' },
				{ begin: 45, end: 50, kind: 'LOCATION_ZIP' }
			])
		);
		expect(doc.id).toBe('Kranz.txt');
		expect(doc.lang).toBe('de');
		expect(doc.text).toBe(TEXT);
		expect(doc.spans.map((s) => [slice(TEXT, s), s.label, s.type])).toEqual([
			['Max Kranz', 'NAME_PATIENT', 'name_patient'],
			['03.04.1950', 'DATE', 'date'],
			['69115', 'LOCATION_ZIP', 'postal_code'],
			['Heidelberg', 'LOCATION_CITY', 'city']
		]);
	});

	it('keeps an annotation without a kind, unscored, and drops zero-width ones', () => {
		const doc = parseCasJson(
			'a.json',
			cas([
				{ begin: 5, end: 8 },
				{ begin: 9, end: 9, kind: 'ID' }
			])
		);
		expect(doc.spans).toEqual([{ start: 5, end: 8, label: '', type: null }]);
		expect(labelSummary([doc])).toEqual([{ label: '', type: null, known: false, spans: 1 }]);
	});

	it('reads another layer and feature when told', () => {
		const parsed = JSON.parse(cas([])) as { '%FEATURE_STRUCTURES': object[] };
		parsed['%FEATURE_STRUCTURES'].push({
			'%ID': 99,
			'%TYPE': 'custom.Span',
			'@sofa': 1,
			begin: 5,
			end: 14,
			value: 'PER'
		});
		const doc = parseCasJson('b.json', JSON.stringify(parsed), {
			layer: 'custom.Span',
			feature: 'value',
			labels: { PER: 'name_other' }
		});
		expect(doc.spans).toEqual([{ start: 5, end: 14, label: 'PER', type: 'name_other' }]);
	});

	it('names the file and the annotation of a span outside the text', () => {
		const err = thrown(() => parseCasJson('c.json', cas([{ begin: 60, end: 99, kind: 'DATE' }])));
		expect(err.code).toBe('evalDeid.badSpan');
		expect(err.params).toMatchObject({ file: 'c.json', item: '10', start: '60', end: '99' });
	});

	it('says where JSON breaks and when a file is no CAS', () => {
		const err = thrown(() => parseCasJson('d.json', '{\n  "%TYPES": {},\n  oops\n}'));
		expect(err.code).toBe('evalDeid.badJson');
		expect(err.params).toMatchObject({ file: 'd.json', line: 3 });
		expect(thrown(() => parseCasJson('e.json', '{"spans": []}')).code).toBe('evalDeid.notCas');
		expect(thrown(() => parseCasJson('f.json', '  ')).code).toBe('evalDeid.emptyFile');
	});
});

describe('parseBrat', () => {
	const text = 'Paciente: Ernesto Rivera.\nCP: 28016 Madrid. Sexo: H.';
	const ann = [
		'T1\tNOMBRE_SUJETO_ASISTENCIA 10 24\tErnesto Rivera',
		'T2\tTERRITORIO 30 35\t28016',
		'#1\tAnnotatorNotes T2\tpostal code',
		'T3\tTERRITORIO 36 42\tMadrid',
		'T4\tSEXO_SUJETO_ASISTENCIA 50 51\tH',
		'R1\tRel Arg1:T1 Arg2:T2',
		''
	].join('\n');

	it('reads text-bound annotations and skips notes and relations', () => {
		const doc = parseBrat('case-1', text, ann);
		expect(doc).toMatchObject({ id: 'case-1', text });
		expect(doc.spans.map((s) => [slice(text, s), s.type])).toEqual([
			['Ernesto Rivera', 'name_patient'],
			['28016', 'city'],
			['Madrid', 'city'],
			['H', null]
		]);
	});

	it('counts a byte order mark as BRAT does and removes it from the text', () => {
		// With the BOM, every offset is one more.
		const shifted = ann.replace(
			/ (\d+) (\d+)\t/g,
			(_, a: string, b: string) => ` ${+a + 1} ${+b + 1}\t`
		);
		const bytes = new TextEncoder().encode(`\uFEFF${text}`);
		expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
		const doc = parseBrat('case-2', bytes, shifted);
		expect(doc.text).toBe(text);
		expect(doc.spans.map((s) => slice(text, s))).toEqual([
			'Ernesto Rivera',
			'28016',
			'Madrid',
			'H'
		]);
	});

	it('splits a discontinuous annotation into one span a fragment', () => {
		const t = 'Calle Mayor (esquina) 5';
		const doc = parseBrat('d', t, 'T1\tCALLE 0 11;22 23\tCalle Mayor 5\n');
		expect(doc.spans.map((s) => [slice(t, s), s.label])).toEqual([
			['Calle Mayor', 'CALLE'],
			['5', 'CALLE']
		]);
	});

	it('reads offsets in code points, as BRAT writes them', () => {
		// The emoji is one code point but two UTF-16 units: "Rivera" starts at 11 in code points,
		// at 12 in UTF-16 units.
		const t = 'Nota 😀 del Rivera.';
		expect(t.indexOf('Rivera')).toBe(12);
		const doc = parseBrat('e', t, 'T1\tNOMBRE_SUJETO_ASISTENCIA 11 17\tRivera\n');
		expect(doc.spans.map((s) => [s.start, s.end])).toEqual([[12, 18]]);
		// UTF-16 offsets are recognised by the stated text.
		const utf16 = parseBrat('e', t, 'T1\tNOMBRE_SUJETO_ASISTENCIA 12 18\tRivera\n');
		expect(utf16.spans.map((s) => slice(t, s))).toEqual(['Rivera']);
	});

	it('names the file and line of a malformed annotation', () => {
		const bad = thrown(() =>
			parseBrat('f', text, 'T1\tNOMBRE 10 24\tErnesto Rivera\nT2\tCP 30\t28016')
		);
		expect(bad.code).toBe('evalDeid.badAnnLine');
		expect(bad.params).toMatchObject({ file: 'f.ann', line: 2 });
		const backwards = thrown(() => parseBrat('f', text, 'T1\tCP 35 30\t28016'));
		expect(backwards.params.reason).toContain('ends (30) before it starts (35)');
		const outside = thrown(() => parseBrat('g', text, 'T1\tCP 30 300\t28016'));
		expect(outside.code).toBe('evalDeid.badSpan');
		expect(outside.params).toMatchObject({ file: 'g.ann', line: 1 });
		const other = thrown(() =>
			parseBrat('h', text, '\nT1\tCP 30 35\t28017', { annFile: 'h-x.ann' })
		);
		expect(other.code).toBe('evalDeid.spanTextMismatch');
		expect(other.params).toEqual({ file: 'h-x.ann', line: 2 });
	});
});

describe('parseJsonl', () => {
	const line = (o: object) => JSON.stringify(o);

	it('reads documents, language and labels, and skips blank lines', () => {
		const docs = parseJsonl(
			'notes.jsonl',
			[
				line({
					id: 'n1',
					lang: 'en',
					text: 'Seen by Dr. JONES on 5/13.',
					spans: [
						{ start: 12, end: 17, label: 'HCPName', text: 'JONES' },
						{ start: 21, end: 25, label: 'Date', text: '5/13' }
					]
				}),
				'',
				line({ id: 2, text: 'Nothing here.', spans: [] })
			].join('\r\n')
		);
		expect(docs).toHaveLength(2);
		expect(docs[0]).toMatchObject({ id: 'n1', lang: 'en' });
		expect(docs[0]?.spans.map((s) => s.type)).toEqual(['name_clinician', 'date']);
		expect(docs[1]).toEqual({ id: '2', text: 'Nothing here.', spans: [] });
	});

	it('reads Presidio field names and gives a document without an id its line', () => {
		const [doc] = parseJsonl(
			'p.jsonl',
			line({
				text: 'Call 905-674-3793.',
				spans: [{ entity_type: 'PHONE_NUMBER', start_position: 5, end_position: 17 }]
			})
		);
		expect(doc?.id).toBe('p.jsonl:1');
		expect(doc?.spans).toEqual([{ start: 5, end: 17, label: 'PHONE_NUMBER', type: 'phone' }]);
	});

	it('keeps unknown labels unscored and lists them', () => {
		const docs = parseJsonl(
			'u.jsonl',
			line({ text: 'Ward 7, bed 3', spans: [{ start: 0, end: 6, label: 'WARD' }] })
		);
		expect(docs[0]?.spans[0]?.type).toBeNull();
		expect(labelSummary(docs)).toEqual([{ label: 'WARD', type: null, known: false, spans: 1 }]);
		const mapped = parseJsonl(
			'u.jsonl',
			line({ text: 'Ward 7, bed 3', spans: [{ start: 0, end: 6, label: 'WARD' }] }),
			{ labels: { WARD: 'department' } }
		);
		expect(mapped[0]?.spans[0]?.type).toBe('department');
	});

	it('names the file and line of a bad record', () => {
		const content = [line({ text: 'ok', spans: [] }), '{"text": "x", "spans": [{"start": 1}]}'];
		const err = thrown(() => parseJsonl('bad.jsonl', content.join('\n')));
		expect(err.code).toBe('evalDeid.badJsonLine');
		expect(err.params).toMatchObject({ file: 'bad.jsonl', line: 2 });
		expect(thrown(() => parseJsonl('bad.jsonl', '{"text": 1}')).params.reason).toContain('“text”');
		expect(thrown(() => parseJsonl('bad.jsonl', '{oops')).params.reason).toBe('not valid JSON');
		expect(thrown(() => parseJsonl('empty.jsonl', '\n\n')).code).toBe('evalDeid.emptyFile');
		const mismatch = thrown(() =>
			parseJsonl(
				'm.jsonl',
				line({ text: 'abc', spans: [{ start: 0, end: 2, label: 'X', text: 'bc' }] })
			)
		);
		expect(mismatch.code).toBe('evalDeid.spanTextMismatch');
	});
});
