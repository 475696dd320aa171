/**
 * Characters that have no place in a one-line label such as a name or a title:
 * C0 and C1 controls (CR, LF, NUL…) and DEL; the bidi embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C)
 * that can make a name read as another; the zero-width space and the byte
 * order mark. ZWJ and ZWNJ (U+200D, U+200C) are allowed: scripts and emoji need them.
 */
const NOT_IN_A_LABEL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
const NOT_IN_A_LABEL_ALL = new RegExp(NOT_IN_A_LABEL.source, 'g');

/** True when `value` holds none of the characters above. */
export const isPlainLabel = (value: string): boolean => !NOT_IN_A_LABEL.test(value);

/** `value` without the characters above (for names a sign-in provider sends, which Parley does not refuse). */
export const toPlainLabel = (value: string): string => value.replace(NOT_IN_A_LABEL_ALL, '');

/** `value` with each of the characters above turned into a space (for text read from a page, where a line break separates words). */
export const toSpacedLabel = (value: string): string => value.replace(NOT_IN_A_LABEL_ALL, ' ');

/** A UTF-16 surrogate without its pair: JSON can carry one (`"\ud800"`) but no UTF-8 text can store it. */
export const hasLoneSurrogate = (value: string): boolean => /\p{Cs}/u.test(value);
