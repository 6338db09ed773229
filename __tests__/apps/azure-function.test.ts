import { describePythonApp } from '../helpers/python-app';

describePythonApp('azure-function', 'azure-functions');
