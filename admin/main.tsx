import { render } from 'preact';
import { App } from './components/app.tsx';
import { createAdminStore } from './store.ts';
// The view's styles, in this order: the base, a comment's body, small screens (which override both).
import './styles/base.css';
import './styles/comment-body.css';
import './styles/small-screens.css';

const store = createAdminStore();
render(<App store={store} />, document.getElementById('app')!);
void store.start();
