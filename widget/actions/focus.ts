/** A ref callback that focuses its element once, when it mounts. Stable, so re-renders do not steal focus. */
export const focusOnMount = (el: HTMLElement | null) => void el?.focus();
