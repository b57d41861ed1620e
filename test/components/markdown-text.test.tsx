import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownText } from '@/components/shared/MarkdownText';

const render = (text: string) => renderToStaticMarkup(<MarkdownText text={text} />);

describe('scenario Markdown', () => {
  it('renders paragraphs, lists, emphasis and web links', () => {
    expect(render('You run **Crumb & Co.**, a *small* bakery.\n\n- cards\n- payouts')).toBe(
      '<p>You run <strong>Crumb &amp; Co.</strong>, a <em>small</em> bakery.</p><ul><li>cards</li><li>payouts</li></ul>',
    );
    expect(render('See [the help](https://help.example.com/a)')).toBe(
      '<p>See <a href="https://help.example.com/a" target="_blank" rel="noreferrer">the help</a></p>',
    );
  });

  it('never turns kit text into markup or script links', () => {
    expect(render('<img src=x onerror=alert(1)>')).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
    );
    expect(render('[click](javascript:alert(1))')).not.toContain('href');
  });
});
