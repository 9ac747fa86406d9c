import type { DraftRating, DraftRecord, DraftVersion } from '$lib/storage/db';
import { audit } from '$lib/storage/audit.repo';
import { getContent } from '$lib/storage/documents.repo';
import { addVersion, getDraft, rateDraft } from '$lib/storage/drafts.repo';
import { LiveQuery } from '$lib/storage/live.svelte';
import { diffDraft } from '$lib/tasks/letters/diff';
import { findUnsupported, SourceIndex, type Claim } from '$lib/tasks/letters/source-check';
import { toDocx, toHtml, toPlain } from '$lib/tasks/letters/export';
import { missingSections } from '$lib/tasks/letters/prompt';
import { letterLibrary, letterTemplates, letterWriter } from './letters.svelte';

/** A hand edit is stored this long after the last keystroke. */
const AUTOSAVE_DELAY_MS = 800;

export interface DraftSource {
	id: string;
	/** Null when the document was deleted after the draft was written. */
	name: string | null;
	used: boolean;
}

/**
 * One draft on its page: the versions as stored, the text being edited (saved as an 'edit'
 * version shortly after typing stops), the comparison with a chosen version, the source check,
 * and the rating. The sources' texts are read once, for the check.
 */
export class DraftSession {
	readonly id: string;
	readonly #draft: LiveQuery<DraftRecord | undefined>;
	/** What the physician typed and has not yet seen come back from the database. */
	#typed = $state<string | null>(null);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#saving: Promise<void> | null = null;
	saving = $state(false);
	/** The version compared with the current text; null means the newest model draft. */
	compareIndex = $state<number | null>(null);
	#sourceTexts = $state.raw<string[] | null>(null);

	constructor(id: string) {
		this.id = id;
		this.#draft = new LiveQuery(() => getDraft(id), undefined);
	}

	get draft(): DraftRecord | undefined {
		return this.#draft.current;
	}

	get loaded(): boolean {
		return this.#draft.loaded;
	}

	get template() {
		const draft = this.draft;
		return draft ? letterTemplates.byId(draft.templateId)?.template : undefined;
	}

	/** The generation under way for this draft, if any. */
	get generation() {
		const generation = letterWriter.generation;
		return generation?.draftId === this.id ? generation : null;
	}

	/** How this session's last generation ended, with the error when it failed. */
	get outcome() {
		return letterWriter.outcomes.get(this.id);
	}

	get versions(): DraftVersion[] {
		return this.draft?.versions ?? [];
	}

	get latestModelIndex(): number {
		return this.versions.findLastIndex((v) => v.kind === 'model');
	}

	get latestModel(): DraftVersion | undefined {
		return this.versions[this.latestModelIndex];
	}

	/** The text in the editor: what was typed, else the newest version. */
	get text(): string {
		return this.#typed ?? this.versions.at(-1)?.text ?? '';
	}

	setText(text: string) {
		this.#typed = text;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
	}

	/** Stores the typed text now, as the draft's one edit after the newest model version. */
	async flush(): Promise<void> {
		clearTimeout(this.#timer);
		await this.#saving;
		const text = this.#typed;
		if (text === null || text === this.versions.at(-1)?.text) return;
		this.saving = true;
		this.#saving = addVersion(this.id, { kind: 'edit', text, at: Date.now() });
		try {
			await this.#saving;
		} finally {
			this.#saving = null;
			this.saving = false;
		}
	}

	get dirty(): boolean {
		return this.#typed !== null && this.#typed !== this.versions.at(-1)?.text;
	}

	/** Writes a new model version; what was typed is saved first, and the editor then shows it. */
	async regenerate() {
		await this.flush();
		this.#typed = null;
		this.compareIndex = null;
		await letterWriter.generate(this.id);
	}

	stop() {
		letterWriter.stop();
	}

	get compared(): { index: number; version: DraftVersion } | null {
		const index = this.compareIndex ?? this.latestModelIndex;
		const version = this.versions[index];
		return version ? { index, version } : null;
	}

	/** Word changes from the compared version (by default the model's draft) to the current text. */
	readonly diff = $derived.by(() => {
		const compared = this.compared;
		return compared ? diffDraft(compared.version.text, this.text) : null;
	});

	get sources(): DraftSource[] {
		const draft = this.draft;
		if (!draft) return [];
		return draft.sourceIds.map((id) => ({
			id,
			name: letterLibrary.documentName(id) ?? null,
			used: draft.usedSourceIds.includes(id)
		}));
	}

	get usedExamples(): { id: string; name: string | null }[] {
		return (this.draft?.usedExampleIds ?? []).map((id) => ({
			id,
			name: letterLibrary.documentName(id) ?? null
		}));
	}

	readonly #index = $derived(this.#sourceTexts ? new SourceIndex(this.#sourceTexts) : null);

	/** Numbers, dates, drugs and doses in the text found in no source; null before sources load. */
	readonly unsupported = $derived.by((): Claim[] | null => {
		const index = this.#index;
		return index ? findUnsupported(this.text, index) : null;
	});

	get hasSources(): boolean {
		return (this.#sourceTexts?.length ?? 0) > 0;
	}

	get missingSections(): string[] {
		const template = this.template;
		const text = this.text;
		return template && text.trim() ? missingSections(text, template.sections) : [];
	}

	/** Reads the sources' texts for the check; a draft's sources never change. */
	async load() {
		const draft = await getDraft(this.id);
		if (!draft) return;
		const texts: string[] = [];
		for (const id of draft.sourceIds) {
			const content = await getContent(id);
			if (content) texts.push(content.text);
		}
		this.#sourceTexts = texts;
	}

	get #sections(): string[] {
		return this.template?.sections ?? [];
	}

	/** The current text as plain text and as HTML, for copying. */
	get plain(): string {
		return toPlain(this.text, this.#sections);
	}

	get html(): string {
		return toHtml(this.text, this.#sections);
	}

	/** The current text as a .docx or .txt file. */
	async file(format: 'docx' | 'txt'): Promise<Blob> {
		await this.flush();
		const blob =
			format === 'docx'
				? new Blob(
						[(await toDocx(this.template?.name ?? '', this.text, this.#sections)) as BlobPart],
						{
							type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
						}
					)
				: new Blob([this.plain], { type: 'text/plain;charset=utf-8' });
		void audit('export', { task: 'letters', format });
		return blob;
	}

	async rate(rating: Omit<DraftRating, 'at'>) {
		await rateDraft(this.id, { ...rating, at: Date.now() });
	}

	dispose() {
		void this.flush();
	}
}
