import { render } from 'preact';
import { App } from './app';
import { sessionCredentialStore } from './lib/session';
import './styles.css';

const root = document.getElementById('app');
if (root) render(<App credentials={sessionCredentialStore(sessionStorage)} />, root);
