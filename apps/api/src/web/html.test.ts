import { describe, expect, it } from 'vitest';
import { attr, html, raw } from './html.js';

// Another name for the tag: prettier reformats `html` templates as markup, and these
// tests compare exact strings.
const h = html;

describe('html', () => {
  it('escapes every interpolated string, including quotes in attributes', () => {
    const name = `<script>alert("x")</script> & 'y'`;
    expect(h`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>',
    );
  });

  it('writes nested templates and raw markup as they are, joins arrays, drops null and booleans', () => {
    const items = ['a<b', 'c'].map((x) => h`<li>${x}</li>`);
    expect(h`<ul>${items}</ul>${raw('<hr>')}${null}${false}${undefined}${0}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul><hr>0',
    );
  });

  it('writes an optional attribute only when on', () => {
    expect(h`<input${attr('required', true)}><input${attr('required', false)}>`.value).toBe('<input required><input>');
  });
});
