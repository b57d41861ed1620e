import type { TrackerTarget } from '@/lib/contracts';

export const REDMINE_KEY = 'rm-secret-key-0123456789abcdef';

export const redmineTarget: Extract<TrackerTarget, { type: 'redmine' }> = {
  id: 't-redmine',
  name: 'Team Redmine',
  labels: ['study-group'],
  type: 'redmine',
  baseUrl: 'http://127.0.0.1:3030',
  project: 'demo',
  apiKey: REDMINE_KEY,
};

/** One valid target of every type, each with its own secret. */
export const everyTarget: TrackerTarget[] = [
  {
    id: 't-gh',
    name: 'GitHub',
    labels: [],
    type: 'github',
    apiUrl: 'https://api.github.com',
    owner: 'acme',
    repo: 'shop',
    token: 'ghp_secret_1',
    evidence: { type: 'local' },
  },
  {
    id: 't-jira',
    name: 'Jira',
    labels: ['ux'],
    type: 'jira',
    baseUrl: 'https://acme.atlassian.net',
    email: 'me@acme.test',
    apiToken: 'jira_secret_2',
    projectKey: 'PAY',
    issueType: 'Bug',
  },
  {
    id: 't-linear',
    name: 'Linear',
    labels: [],
    type: 'linear',
    apiUrl: 'https://api.linear.app/graphql',
    apiKey: 'lin_secret_3',
    team: 'ENG',
  },
  {
    id: 't-gl',
    name: 'GitLab',
    labels: [],
    type: 'gitlab',
    baseUrl: 'https://gitlab.example.com:8443',
    project: 'acme/shop',
    token: 'glpat_secret_4',
  },
  redmineTarget,
  {
    id: 't-hook',
    name: 'Hook',
    labels: [],
    type: 'webhook',
    url: 'https://hooks.example.com/sg?x=1',
    secret: 'hook_secret_5',
  },
];
