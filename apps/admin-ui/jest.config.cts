module.exports = {
  displayName: 'admin-ui',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  coverageDirectory: '../../coverage/apps/admin-ui',
};
