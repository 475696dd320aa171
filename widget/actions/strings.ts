/** The words of actions.js's forms (English); the rest come from the thread's strings (`store.t`). */
export const actionText = {
  save: 'Save',
  cancel: 'Cancel',
  confirmDelete: 'Delete this comment?',
  reason: 'Why? (optional)',
};
