# The skills list the business keeps, and what stops work from reaching anyone
nav-skills = Skills
skills-title = Skills
skills-intro = Each service needs one skill, and a worker is offered jobs only for the skills they hold. Services and workers choose from this list. A skill's code never changes; its names do.
skills-empty-title = No skills yet
skills-empty-text = Add the skills your services need, then tick them on each worker's page.
skills-retired = retired
skills-on-duty = { $count ->
    [one] { $count } worker on duty holds it
   *[other] { $count } workers on duty hold it
}
skills-nobody = Nobody on duty
skills-services = Needed by
skills-no-services = no service
skills-rename = Save names
skills-confirm-retire = Retire this skill? Services and workers can no longer choose it; workers who hold it keep it.
skills-retire = Retire
skills-restore = Restore
skills-add = Add a skill
skills-code-help = The code is what services and workers keep: 2–40 lowercase letters, digits and dashes. It cannot be changed later.
skills-keep-list = Keep the skills list
skills-none-listed = No skills are listed yet.
skills-uncovered = No active worker on duty holds the skill “{ $skill }”: orders for this service will wait for nobody. Give a worker the skill, or ask one who has it to go on duty.
skills-uncovered-title = Services nobody on duty can do
skills-needs = needs “{ $skill }”
err-skill-unknown = Choose a skill from the list.
flash-skill-taken = That code is already a skill.
flash-skill-in-use = This skill is still needed by a service. Choose another skill for those services first; they are listed under the skill.
flash-skill-names = A skill needs a name in each language, up to 100 characters.
flash-skills-unknown = Choose skills from the list; retired skills cannot be given anew.
audit-action-skill-add = Skill added
audit-action-skill-rename = Skill renamed
audit-action-skill-retire = Skill retired
audit-action-skill-restore = Skill restored
gap-title = Not ready for jobs:
gap-column = Set-up
gap-no-skills = no skills
gap-no-hours = no working hours
gap-off-duty = off duty
gap-no-payout-card = no payout card
cert-own-tests = Each service offers only its own tests (or those of services needing the same skill).
flash-recert-wrong-test = That test is not one of this service's tests: choose a test made for the service.
