import { describePythonApp } from '../helpers/python-app';

describePythonApp('aws-worker', 'Powertools or boto3');
