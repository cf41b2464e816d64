import { invalidParam } from './vk-api-errors.ts';
import type { VkParams } from './vk-api-http.ts';
import type { VkMethodHandler } from './vk-api-method.ts';

/**
 * Methods about the community and its people that a group bot calls around its work:
 * groups.getById (vk-io calls it at start when no pollingGroupId is given),
 * groups.getCallbackConfirmationCode and users.get.
 */

export interface Community {
  groupId: number;
  name: string;
  confirmationCode: string;
}

export function communityMethods(community: Community): Record<string, VkMethodHandler> {
  return {
    'groups.getById': (p) => groupsById(community, p),
    'groups.getCallbackConfirmationCode': () => ({ code: community.confirmationCode }),
    'users.get': (p) => usersGet(p),
  };
}

function groupsById(community: Community, params: VkParams) {
  const asked = params.group_ids ?? params.group_id;
  const ids = asked === undefined ? [String(community.groupId)] : asked.split(',');
  if (ids.some((id) => id.trim() !== String(community.groupId))) {
    throw invalidParam('group_ids is invalid');
  }
  const group = {
    id: community.groupId,
    name: community.name,
    screen_name: `club${community.groupId}`,
    is_closed: 0,
    type: 'group',
    photo_50: '',
    photo_100: '',
    photo_200: '',
  };
  // Since 5.139 the answer is an object with the groups and (empty) profiles.
  return { groups: [group], profiles: [] };
}

// LIMITATION: every user is called "Житель Тестовый"; no user is deleted or banned.
function usersGet(params: VkParams) {
  const ids = (params.user_ids ?? params.user_id ?? '').split(',').filter((id) => id !== '');
  if (ids.some((id) => !/^\d+$/.test(id.trim()))) throw invalidParam('user_ids is invalid');
  return ids.map((id) => ({
    id: Number(id),
    first_name: 'Житель',
    last_name: 'Тестовый',
    can_access_closed: true,
    is_closed: false,
  }));
}
