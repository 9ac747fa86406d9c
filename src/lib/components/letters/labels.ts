import { i18n } from '$lib/i18n/i18n.svelte';
import {
	letterKindNames,
	stopReasonDescriptions,
	stopReasonLabels
} from '$lib/tasks/letters/messages';
import type { StopReason } from '$lib/tasks/letters/pipeline';
import { LETTER_KINDS, type LetterKind } from '$lib/tasks/letters/template';

const isKind = (kind: string): kind is LetterKind => LETTER_KINDS.includes(kind as LetterKind);
const isStopReason = (reason: string): reason is StopReason =>
	reason in stopReasonLabels[i18n.locale];

/** A template kind as a label ("Discharge summary"), in the UI language. */
export function kindLabel(kind: string): string {
	const name = isKind(kind) ? letterKindNames[i18n.locale][kind] : kind;
	return name.charAt(0).toUpperCase() + name.slice(1);
}

/** How a model version ended, short and long; null for versions that do not say. */
export function stopReason(reason: string | undefined) {
	if (!reason || !isStopReason(reason)) return null;
	return {
		label: stopReasonLabels[i18n.locale][reason],
		description: stopReasonDescriptions[i18n.locale][reason]
	};
}
