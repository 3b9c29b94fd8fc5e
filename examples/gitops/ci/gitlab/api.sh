# Sourced by the GitLab scripts: glapi METHOD PATH [curl args...] calls the
# project's REST API with GITLAB_TOKEN (a project access token with the api
# scope, kept as a masked CI/CD variable). Pages are 100 items; a merge
# request or issue list longer than that is not expected here.
: "${CI_API_V4_URL:?}" "${CI_PROJECT_ID:?}" "${GITLAB_TOKEN:?set GITLAB_TOKEN, a project access token (api scope)}"
glapi() {
  local method=$1 path=$2
  shift 2
  curl -sSf -X "$method" -H "PRIVATE-TOKEN: $GITLAB_TOKEN" "$CI_API_V4_URL/projects/$CI_PROJECT_ID/$path" "$@"
}
# The merge request this job is about: the pipeline's, or the one find-plan.sh found.
mr_iid() { echo "${CI_MERGE_REQUEST_IID:-$(cat "$ROSTERFORM_OUT/mr" 2>/dev/null)}"; }
