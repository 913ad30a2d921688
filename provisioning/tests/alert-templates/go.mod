module kansa/provisioning/alerttemplates

go 1.22
