module.exports = {
  displayName: 'admin-ui-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/apps/admin-ui-e2e',
  // Starting the built system and a browser takes a while on two shared cores.
  testTimeout: 180000,
};
