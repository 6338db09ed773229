import { describePythonApp } from '../helpers/python-app';

describePythonApp('gcp-function', 'functions-framework');
