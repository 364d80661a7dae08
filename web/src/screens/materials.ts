// My materials: everything the user has paid for, by course.
import { api } from '../api';
import { fill, h } from '../dom';
import { load, refreshButton, screenRoot } from '../ui';
import type { Mounted } from './screen';

interface CourseMaterials {
  courseId: string;
  title: string;
  materials: { id: string; title: string }[];
}

export function materialsScreen(): Mounted {
  const content = h('div', { class: 'cards' });
  async function reload(): Promise<void> {
    const courses = await api<CourseMaterials[]>('/api/payments/materials');
    fill(
      content,
      courses.length
        ? courses.map((course) =>
            h(
              'section',
              { class: 'card', 'data-course-id': course.courseId },
              h('h2', {}, course.title),
              h('ol', {}, course.materials.map((material) => h('li', { 'data-testid': 'material', 'data-material-id': material.id }, material.title))),
            ),
          )
        : h('p', { class: 'empty' }, 'Nothing unlocked yet: ', h('a', { href: '#/courses' }, 'buy a course'), ' to see its materials here.'),
    );
  }
  const root = screenRoot('materials', 'My materials', refreshButton(reload), content);
  void load(root, reload);
  return { root };
}
