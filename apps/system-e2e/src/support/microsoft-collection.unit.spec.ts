import { withEmailUserNames, type PostmanCollection } from './microsoft-collection';

const collection: PostmanCollection = {
  item: [
    {
      name: 'User tests',
      item: [
        { name: 'Post User', request: { body: { raw: '{\r\n  "userName": "OMalley",\r\n  "emails": [{"value": "anna@example.com"}]\r\n}' } } },
        { name: 'Post email user', request: { body: { raw: '{"UserName":"already@example.com"}' } } },
        {
          name: 'Get user',
          event: [{ script: { exec: ['pm.expect(jsonData.userName).to.eql("OMalley");', 'pm.expect(jsonData.userName).to.eql("newusername");'] } }],
        },
        { name: 'Patch user', request: { body: { raw: '{"Operations":[{"op":"replace","path":"userName","value":"newusername"}]}' } } },
      ],
    },
  ],
};

describe('withEmailUserNames', () => {
  const rewritten = withEmailUserNames(collection);
  const [folder] = rewritten.item;
  const [post, postEmail, get, patch] = folder?.item ?? [];

  it('turns each userName a body sends into an email address, whatever the key case', () => {
    expect(post?.request?.body?.raw).toBe('{\r\n  "userName": "OMalley@example.com",\r\n  "emails": [{"value": "anna@example.com"}]\r\n}');
    expect(postEmail?.request?.body?.raw).toBe('{"UserName":"already@example.com"}');
  });

  it('rewrites the test expectations of those names only, not the names users are renamed to', () => {
    expect(get?.event?.[0]?.script?.exec).toEqual([
      'pm.expect(jsonData.userName).to.eql("OMalley@example.com");',
      'pm.expect(jsonData.userName).to.eql("newusername");',
    ]);
    expect(patch?.request?.body?.raw).toBe('{"Operations":[{"op":"replace","path":"userName","value":"newusername"}]}');
  });

  it('leaves the collection it was given as it was', () => {
    expect(collection.item[0]?.item?.[0]?.request?.body?.raw).toContain('"userName": "OMalley"');
  });
});
