import { render } from 'preact';
import { App } from './components/app.tsx';
import { createAdminStore } from './store.ts';
import './styles.css';

const store = createAdminStore();
render(<App store={store} />, document.getElementById('app')!);
void store.start();
