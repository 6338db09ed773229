import { describePythonApp } from '../helpers/python-app';

describePythonApp('aws-pipeline', 'Powertools or boto3');
